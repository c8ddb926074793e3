/**
 * The lead's Team tab: the project's users with their roles, OS account and state; adding a user,
 * changing roles, deactivating and reactivating, mapping an OS account. Every change goes through
 * storage's {@code Users} and {@code Identities}, the services {@code earmark users …} calls, so
 * the role check, the validation and the audit event are the same.
 */
package dev.earmark.app.gui.team;
