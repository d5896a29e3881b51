#ifndef FACTEUR_CSPAWN_SHIM_H
#define FACTEUR_CSPAWN_SHIM_H
/* posix_spawn for the tests' child processes, with the two GNU calls Swift's Glibc module leaves out
 * (it is built without _GNU_SOURCE): close every other descriptor in the child, and pipes that are
 * close-on-exec from birth. Both are in glibc since 2.34 and 2.9; Debian 12 has 2.36. */
#include <spawn.h>
#include <unistd.h>
#include <fcntl.h>

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
extern int pipe2(int fds[2], int flags);

static inline int cspawn_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
#endif
