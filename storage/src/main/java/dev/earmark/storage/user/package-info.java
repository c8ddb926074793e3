/**
 * Who acts: the {@link dev.earmark.storage.user.Actor} every storage call runs for, the {@link
 * dev.earmark.storage.user.Role}s that gate every action, and the stored {@link
 * dev.earmark.storage.user.User}. The service that changes users is {@code
 * dev.earmark.storage.team.Users}.
 */
package dev.earmark.storage.user;
