package org.pgmini.shmem.libc;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libc calls this module needs, bound by JNA direct mapping (one JNI stub per method, about
 * 0.2 µs a call). Pointers that we only pass around (mapping addresses, futex words) are plain
 * {@code long}s, which is how x86_64 passes them anyway and saves allocating JNA Pointer objects
 * on hot paths.
 *
 * <p>Every call that can fail leaves errno behind; read it with {@link #errno()} immediately after
 * the call on the same thread (JNA saves errno per thread right after each native call).
 *
 * <p>Linux x86_64 only: constants below are the values of glibc 2.36 on that architecture.
 */
public final class LibC {
    private LibC() {}

    static {
        Native.register(LibC.class, NativeLibrary.getInstance("c"));
    }

    // open(2) / shm_open(3) flags
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_CLOEXEC = 02000000;

    // mmap(2)
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final long MAP_FAILED = -1L;

    // System V IPC
    public static final int IPC_CREAT = 01000;
    public static final int IPC_EXCL = 02000;
    public static final int IPC_RMID = 0;
    public static final int IPC_STAT = 2;
    /** sizeof(struct shmid_ds) and field offsets on x86_64 glibc (checked with a C program). */
    public static final int SHMID_DS_SIZE = 112;
    public static final int SHMID_DS_SEGSZ_OFFSET = 48;
    public static final int SHMID_DS_CPID_OFFSET = 80;
    public static final int SHMID_DS_NATTCH_OFFSET = 88;

    // prctl(2)
    public static final int PR_SET_PDEATHSIG = 1;

    // futex(2)
    public static final long SYS_futex = 202;
    public static final int FUTEX_WAIT = 0;
    public static final int FUTEX_WAKE = 1;

    public static final int SEEK_END = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    public static native int shm_open(String name, int oflag, int mode);
    public static native int shm_unlink(String name);
    public static native int open(String path, int flags, int mode);
    public static native int close(int fd);
    public static native int unlink(String path);
    public static native int ftruncate(int fd, long length);
    /** Returns an error number (not -1/errno) as POSIX specifies. */
    public static native int posix_fallocate(int fd, long offset, long length);
    public static native long lseek(int fd, long offset, int whence);
    public static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);
    public static native int munmap(long addr, long length);

    public static native int shmget(int key, long size, int shmflg);
    public static native long shmat(int shmid, long shmaddr, int shmflg);
    public static native int shmdt(long shmaddr);
    /** {@code buf} is the address of a {@link #SHMID_DS_SIZE}-byte buffer, or 0. */
    public static native int shmctl(int shmid, int cmd, long buf);

    public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    /** glibc's variadic syscall(2) with six register arguments, as x86_64 passes them. */
    public static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    public static native int getpid();
    public static native int getppid();
    public static native int kill(int pid, int sig);
    public static native String strerror(int errnum);

    /** errno of the last native call made by this thread. */
    public static int errno() {
        return Native.getLastError();
    }
}
