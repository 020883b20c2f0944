/* threads.h — how many threads the file readers use. */
#ifndef FOKUS_THREADS_H
#define FOKUS_THREADS_H

/* 1 or 2: FOKUS_THREADS (1 or 2) when set, else 2 when the machine has
 * more than one core. Categorize from files and import read a csv file
 * in two halves when it is 2; the results are the same either way. */
int threads_wanted(void);

#endif
