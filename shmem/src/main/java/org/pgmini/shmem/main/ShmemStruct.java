package org.pgmini.shmem.main;

/**
 * A named allocation in main shared memory: {@code offset} from the start of the segment (the
 * segment maps at a different address in every process, so only offsets are shared), its size,
 * and whether it existed before this request (if not, the caller initialises it).
 */
public record ShmemStruct(String name, long offset, long size, boolean found) {
}
