/*
 * hostile.h - documents that try to reach the terminal: escape
 * sequences, C1 controls, direction overrides and zero-width characters,
 * for tests/fault/test_fault.c (the queries' output) and
 * tests/fault/test_terminal.c (the reader on a terminal emulator).
 */
#ifndef LECTERN_TESTS_HOSTILE_H
#define LECTERN_TESTS_HOSTILE_H

/* A hostile UTF-8 document: OSC 0, 2, 8 (hyperlinks) and 52 (clipboard),
 * CSI, DCS, APC, C1 controls as UTF-8, direction overrides and isolates,
 * zero-width characters, a byte order mark inside, BEL, BS, DEL; in
 * paragraphs, items, a named list, terms, and references to them. */
static const char hostile_utf8[] =
    "HOSTILE \033]0;owned\007DOCUMENT\n"
    "\n"
    "1. The Link Office \033]8;;http://evil.example/\033\\click here\033]8;;\033\\ "
    "and DCS \033P+q544e\033\\ and APC \033_payload\033\\ and a title "
    "\033]2;pwned\007 and the clipboard \033]52;c;ZXZpbA==\007 and C1 CSI "
    "\xC2\x9B" "31m and C1 OSC \xC2\x9D" "0;t\xC2\x9C and NEL \xC2\x85 here.\n"
    "\n"
    "2. The three concerns of the Link Office are the following: "
    "(a) \033[31mred\033[0m text \033[?1049h\033[?25l; "
    "(b) \xE2\x80\xAE" "desrever\xE2\x80\xAC and \xE2\x81\xA6isolated\xE2\x81\xA9; and "
    "(c) zero\xE2\x80\x8Bwidth join\xE2\x80\x8D" "er non\xE2\x80\x8Cjoiner "
    "mark\xE2\x80\x8F and bom\xEF\xBB\xBF" "inside and word\xE2\x81\xA0joiner.\n"
    "\n"
    "3. See paragraph 2 (b), the three concerns and the \033]8;;file:///etc/passwd\007Link Office\033]8;;\007; "
    "bell \007 backspace \b delete \177 desrever.\n"
    "\n"
    "5. A paragraph out of order, for --lint, citing paragraph 9.\n";

/* The same dangers in raw bytes, for a Latin-1 or Windows-1252 reading:
 * 0x80-0x9F are C1 controls in ISO-8859-1 (CSI 0x9B, OSC 0x9D, ST 0x9C,
 * DCS 0x90, NEL 0x85), and mostly punctuation in Windows-1252. */
static const char hostile_latin1[] =
    "RAW C1 BYTES\n"
    "\n"
    "1. CSI \x9B" "31mred\x9B" "0m, OSC \x9D" "0;pwn\x9C, DCS \x90q\x9C, NEL \x85, "
    "SS2 \x8E, undefined \x81\x8D\x8F, caf\xE9 and \x93quotes\x94.\n"
    "\n"
    "2. The two concerns: (a) \x1B]8;;http://x/\x07link\x1B]8;;\x07; and "
    "(b) \x9B" "2J clear.\n";

#endif
