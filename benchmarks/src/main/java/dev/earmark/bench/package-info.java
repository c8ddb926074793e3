/** JMH benchmarks, one class per performance target of PRODUCT.md §7. */
package dev.earmark.bench;
