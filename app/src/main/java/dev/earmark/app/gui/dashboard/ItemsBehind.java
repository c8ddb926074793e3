package dev.earmark.app.gui.dashboard;

import dev.earmark.storage.agreement.ItemLine;
import java.util.List;

/**
 * The items behind one number of the dashboard, for the drill-down list. Immutable.
 *
 * @param title what the number is ("naturalness · ann-alex × ann-bea")
 * @param items one line per item
 */
public record ItemsBehind(String title, List<ItemLine> items) {
  public ItemsBehind {
    items = List.copyOf(items);
  }
}
