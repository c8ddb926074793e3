package dev.earmark.app.gui.status;

import java.util.List;

/**
 * One card of the overview.
 *
 * @param id a stable id for the card's node ({@code status-ID})
 * @param title what the card counts, e.g. "Clips"
 * @param figure the big figure, e.g. "18 active"
 * @param details the smaller lines under it
 */
public record StatusCard(String id, String title, String figure, List<String> details) {
  public StatusCard {
    details = List.copyOf(details);
  }
}
