/**
 * Dataset contracts: the metadata a dataset must carry before any clip enters (purpose, owner,
 * source, consent scopes and their allowed uses, retention, language, domain, acoustic conditions,
 * device class, known gaps), and the per-clip eligibility that follows from it.
 */
package dev.earmark.engine.contract;
