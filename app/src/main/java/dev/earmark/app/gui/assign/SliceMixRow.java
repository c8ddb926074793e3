package dev.earmark.app.gui.assign;

/**
 * One line of the preview's slice mix: how many of the batch's clips carry {@code value} of slice
 * tag {@code tag}, and their share of the batch.
 */
public record SliceMixRow(String tag, String value, int clips, double share) {}
