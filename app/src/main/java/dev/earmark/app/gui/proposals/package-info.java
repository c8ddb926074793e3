/**
 * The lead's list of policy proposals: the rubric-gap and normalization-gap decisions adjudicators
 * filed (PRODUCT.md §2), each with its clip, reason, note and the label that was decided, and the
 * lead's accept / reject with a note (audited by storage).
 */
package dev.earmark.app.gui.proposals;
