/**
 * Labels made outside Earmark (a vendor, another tool) entering a project as one annotator's
 * submitted labels: {@link dev.earmark.storage.labelimport.LabelImporter} reads the JSONL file of
 * docs/formats/label-import.md, validates each line under the label policy's rubric, assigns and
 * stores it, and routes disputes as the rest of the project does.
 */
package dev.earmark.storage.labelimport;
