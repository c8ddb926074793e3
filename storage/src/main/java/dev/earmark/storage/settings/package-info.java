/**
 * Project settings a lead controls: switches such as showing QE hints or other annotators' labels,
 * and routing and QE thresholds.
 */
package dev.earmark.storage.settings;
