/** What Earmark says about itself (its version), for the command line and the workbench alike. */
package dev.earmark.app.about;
