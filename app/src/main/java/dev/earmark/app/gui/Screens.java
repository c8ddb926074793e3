package dev.earmark.app.gui;

import dev.earmark.app.gui.adjudication.AdjudicationScreenFactory;
import dev.earmark.app.gui.assign.AssignScreenFactory;
import dev.earmark.app.gui.audit.AuditScreenFactory;
import dev.earmark.app.gui.dashboard.AgreementScreenFactory;
import dev.earmark.app.gui.desk.ProjectDeskScreenFactory;
import dev.earmark.app.gui.export.ExportScreenFactory;
import dev.earmark.app.gui.labeling.LabelingScreenFactory;
import dev.earmark.app.gui.listening.ListeningScreenFactory;
import dev.earmark.app.gui.packs.PacksScreenFactory;
import dev.earmark.app.gui.proposals.ProposalsScreenFactory;
import dev.earmark.app.gui.rules.RulesScreenFactory;
import dev.earmark.app.gui.screen.ScreenFactory;
import java.util.List;

/** Every screen of the workbench, in navigation order. Add a screen here, one line. */
public final class Screens {
  private Screens() {}

  /** The screens the shell offers, each shown only to the roles it allows. */
  public static List<ScreenFactory> all() {
    return List.of(
        new LabelingScreenFactory(),
        new ListeningScreenFactory(),
        new AdjudicationScreenFactory(),
        new ProposalsScreenFactory(),
        new AgreementScreenFactory(),
        new RulesScreenFactory(),
        new ProjectDeskScreenFactory(),
        new AssignScreenFactory(),
        new ExportScreenFactory(),
        new PacksScreenFactory(),
        new AuditScreenFactory());
  }
}
