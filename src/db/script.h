/* script.h - a migration's text in one engine's words.
 *
 * A migration is written once for both engines; where they differ it names a placeholder
 * that each engine replaces with its own SQL:
 *   @ID@     an auto-increment primary key
 *   @BYTES@  a text compared byte by byte (PostgreSQL's COLLATE "C"; SQLite compares text
 *            as bytes already, and a collation it does not know would break its shell)  */
#ifndef LIS_DB_SCRIPT_H
#define LIS_DB_SCRIPT_H

typedef struct script_word {
    const char *placeholder, *sql;
} script_word;

/* sql with every placeholder of words (ending in {NULL, NULL}) replaced; malloc'd, NULL
 * when out of memory. */
char *script_in_dialect(const char *sql, const script_word *words);

#endif
