/**
 * Disputes routed by rubric-engine's dispute rules, adjudication decisions with reason codes, and
 * the policy proposals that rubric-gap and normalization-gap decisions raise for the lead.
 */
package dev.earmark.storage.adjudicate;
