/*
 * bench/floor.h - the reference of the backend benchmark (floor.c): a
 * bare word index in code of its own, libc only, nothing of lectern's.
 * It is the least any word index does, so its throughput bounds what a
 * target for the whole pipeline leaves for everything else.
 */
#ifndef LECTERN_BENCH_FLOOR_H
#define LECTERN_BENCH_FLOOR_H

#include <stdbool.h>
#include <stdint.h>

#define FLOOR_RUNS 3            /* each figure is the best of this many */

struct floor_result {
	bool ok;
	char err[256];
	uint64_t bytes;
	double index;               /* seconds: the bare word index */
	double scan;                /* seconds: the same scan, no table */
	uint64_t tokens;            /* words in the text */
	uint32_t words;             /* distinct words */
	uint32_t blocks;            /* runs of lines between blank lines */
	uint64_t postings;          /* bytes of varint postings */
};

/* Read the file at path into memory, then time the bare word index and
 * the scan alone over it, FLOOR_RUNS times each; r->ok says whether it
 * could, r->err why not. */
void floor_measure(const char *path, struct floor_result *r);

#endif
