package dev.earmark.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code earmark users}: who may act in the project. This branch adds the identity subcommands
 * ({@link UsersMapCommand}, {@link UsersLoginCommand}); the user-management subcommands (add, role,
 * deactivate) join this group.
 */
@Command(
    name = "users",
    description = "The project's users and the accounts that prove who they are.",
    mixinStandardHelpOptions = true,
    subcommands = {UsersMapCommand.class, UsersLoginCommand.class})
public final class UsersCommand {
  @ParentCommand EarmarkCommand root;
}
