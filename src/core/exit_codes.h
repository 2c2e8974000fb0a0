#pragma once
// Exit statuses scripts can act on (documented in README.md, "Exit status"). The codes other than
// 2 follow BSD <sysexits.h>; 128 + N is the shell's code for signal N (130 for a SIGINT).
namespace minesim::exit_code {
inline constexpr int kSuccess = 0;
inline constexpr int kFailure = 1;        // compare: runs differ (reserved)
inline constexpr int kUsage = 2;          // bad command line or invalid scenario
inline constexpr int kInternal = 70;      // internal error or violated invariant (EX_SOFTWARE)
inline constexpr int kCannotCreate = 73;  // output cannot be created (EX_CANTCREAT)
inline constexpr int kIoError = 74;       // HDF5 or file I/O failure (EX_IOERR)
inline constexpr int kCheckpointed = 75;  // stopped by SIGTERM, checkpoint written (EX_TEMPFAIL)
inline constexpr int kInterrupted = 130;  // SIGINT; 128 + N for signal N (129 SIGHUP, 143 TERM)
}  // namespace minesim::exit_code
