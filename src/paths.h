/*
 * paths.h - where lectern finds its own files and keeps the user's.
 *
 * Data (the bundled document, the synonym lexicon, the example config):
 * $LECTERN_DATADIR when set; the source tree's resources/ when the
 * program runs from its build tree; otherwise $(pkgdatadir).
 * Configuration and state follow the XDG base directory specification.
 */
#ifndef LECTERN_PATHS_H
#define LECTERN_PATHS_H

/* The full path of data file `name`, or NULL if none of the places above
 * has it (caller frees). */
char *paths_data(const char *name);

/* $XDG_CONFIG_HOME/lectern/config (or ~/.config/...), honouring
 * $LECTERN_CONFIG; NULL when there is no home (caller frees). */
char *paths_config(void);

/* $XDG_STATE_HOME/lectern (or ~/.local/state/lectern); NULL when there is
 * no home (caller frees).  The directory is not created here. */
char *paths_state_dir(void);

#endif
