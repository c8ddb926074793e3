package dev.earmark.engine.contract;

import dev.earmark.engine.EngineException;
import java.util.List;

/**
 * A dataset contract is incomplete or malformed; {@link #problems()} lists every field at fault.
 */
public class ContractException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ContractException(String source, List<String> problems) {
    super(
        source
            + " is not a complete dataset contract: "
            + String.join("; ", problems)
            + " (see docs/formats/dataset-contract.md)");
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
