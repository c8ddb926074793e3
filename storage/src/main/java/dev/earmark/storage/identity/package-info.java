/**
 * Who is acting, proved rather than claimed (ADR 14): in an embedded project the OS account that
 * runs Earmark ({@link dev.earmark.storage.identity.OsAccount}) must be mapped to the user it acts
 * as; in a team project the PostgreSQL login is. {@link dev.earmark.storage.identity.Identities}
 * signs in and is the only way the command line and the workbench get an {@code Actor}; the storage
 * services then check that actor's roles against the user table ({@code Access}).
 */
package dev.earmark.storage.identity;
