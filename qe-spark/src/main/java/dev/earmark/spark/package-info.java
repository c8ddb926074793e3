/**
 * The QE model as an Apache Spark batch job (docs/qe.md, "Scoring at cluster scale"): audio files
 * read with Spark's {@code binaryFile} source, scored in {@code mapPartitions} by audio's {@link
 * dev.earmark.audio.features.FeatureExtractor} and {@link dev.earmark.audio.qe.QeModel} (loaded
 * once per executor), written as Parquet partitioned by date and keyed by the content's SHA-256 so
 * that a re-run adds nothing. Depends on audio only; Spark is provided by the cluster.
 */
package dev.earmark.spark;
