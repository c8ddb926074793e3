/** Users and their roles (annotator, adjudicator, lead), which gate every action. */
package dev.earmark.storage.user;
