#pragma once
// How the process's heap hands freed memory back (called first thing in main).

namespace minesim {

// Makes every large block (128 KiB and more) its own mapping, returned to the system when freed.
// glibc otherwise raises that threshold to the size of each large block freed (up to 32 MiB), so
// that the month's temporary arrays (events, seeker pools, hiring lists: a few MiB each at 1 M
// persons) come from the heap, whose freed pages stay resident: 7 MiB more at the peak at 1 M
// persons (53 against 46 bytes per person in the bench). A no-op outside glibc.
void return_freed_memory_promptly();

}  // namespace minesim
