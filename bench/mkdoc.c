/*
 * mkdoc.c - make a large structured document for the benchmark.
 *
 * The document looks like a United Nations report extracted from PDF: a
 * title block in capitals, then numbered paragraphs "N." of hard-wrapped
 * prose (about 90 columns, a blank line between paragraphs), chapter
 * headings now and then, lead-ins with a count ("I have made four
 * points:") followed by lettered items "(a)" -- on their own lines or
 * inside the sentence -- with roman sub-items "(i)", cross-references
 * ("paragraph 12 (b)", "paragraphs 4 to 6", "resolution 68/4", "the four
 * points above"), acronyms, capitalised names, quoted terms, words
 * hyphenated at line ends, and page furniture (a running header, a page
 * number and a form feed every PAGE_LINES lines).
 *
 * The prose is made by a small grammar from built-in word lists (a few
 * thousand word forms with their inflections), each drawn with a Zipf
 * distribution, plus a long tail of made-up rare words and names, so
 * that the dictionary grows with the document as a real one does.  The
 * random numbers come from a fixed-seed PRNG and only integer arithmetic
 * is used, so the output is the same byte for byte on every machine.
 *
 * Usage: mkdoc --size 100M --out FILE [--seed N] [--no-pages]
 * It writes at least SIZE bytes (K, M and G suffixes are powers of 1024)
 * and prints, on standard output (standard error when the document goes
 * to standard output), the size, the last paragraph number and a unique
 * word that stands only in the last paragraph, so that a reader's
 * benchmark can wait for it:
 *
 *	bytes: 104857919
 *	last-paragraph: 151360
 *	unique-word: zanzibarquux
 *
 * Nothing here depends on anything but the C library.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 90                /* the right margin, in columns */
#define PAGE_LINES 56           /* body lines per page */
#define UNIQUE "zanzibarquux"
#define PARA_MAX (1u << 16)     /* bytes of one wrapping unit */
#define TAIL_WORDS 400000u      /* made-up rare words */
#define TAIL_NAMES 20000u       /* made-up place names */
#define TAIL_ACRONYMS 5000u     /* made-up acronyms */

/* ---------------------------------------------------------- word lists */

static const char nouns_src[] =
    "migration development organization state council committee report "
    "resolution assembly session agenda programme project policy strategy "
    "framework mechanism process partnership cooperation coordination "
    "governance mandate response approach capacity support assistance "
    "protection integration return reintegration resettlement displacement "
    "movement border management system structure office agency entity body "
    "secretariat government ministry department authority institution "
    "community society region country territory population group family "
    "household individual worker employer employment labour market economy "
    "growth investment finance budget fund resource contribution expenditure "
    "revenue income cost saving efficiency effectiveness performance result "
    "outcome output impact indicator target goal objective priority "
    "principle standard norm rule regulation law legislation provision "
    "article clause amendment instrument convention treaty agreement "
    "protocol declaration statement decision recommendation proposal "
    "suggestion initiative action measure step activity operation "
    "intervention effort campaign plan review evaluation assessment "
    "analysis study survey research data information evidence knowledge "
    "experience lesson practice method tool guideline procedure "
    "requirement condition criterion element component aspect dimension "
    "area field sector domain issue question matter problem challenge "
    "risk threat opportunity benefit advantage gap need demand supply "
    "service access health education training skill qualification job "
    "wage remittance transfer payment loan debt tax trade export import "
    "industry enterprise business company firm partner donor stakeholder "
    "actor participant delegation representative delegate chair "
    "chairperson member observer expert adviser consultant officer staff "
    "personnel colleague leader minister ambassador president director "
    "coordinator rapporteur envoy mission visit meeting conference summit "
    "forum dialogue consultation negotiation discussion debate exchange "
    "communication message note letter request invitation reply comment "
    "observation remark view position opinion concern reason point idea "
    "concept notion term definition interpretation understanding "
    "consensus compromise solution option alternative choice possibility "
    "scenario circumstance situation context environment climate disaster "
    "emergency crisis conflict war peace security safety stability order "
    "right freedom justice equality dignity inclusion exclusion "
    "discrimination violence abuse exploitation trafficking smuggling "
    "crime victim survivor refugee migrant asylum seeker child woman youth "
    "adult person citizen national resident tenure residence nationality "
    "citizenship identity document passport visa permit status category "
    "type form kind level degree scale scope extent range number amount "
    "share proportion percentage rate ratio trend pattern change shift "
    "increase decrease decline rise reduction improvement progress advance "
    "achievement success failure delay obstacle barrier constraint "
    "limitation restriction exception derogation waiver exemption period "
    "year month week day time date deadline phase stage cycle round term "
    "biennium quarter century decade moment interval schedule calendar "
    "timetable roadmap blueprint outline summary overview introduction "
    "conclusion annex appendix chapter section paragraph sentence word "
    "text draft version edition publication website platform network "
    "database registry record file archive portal channel link connection "
    "relationship relation association alliance coalition union "
    "federation league bloc caucus constituency electorate parliament "
    "legislature court tribunal judge judgment ruling verdict appeal case "
    "claim complaint petition grievance dispute settlement arbitration "
    "mediation facilitation assistance guidance direction oversight "
    "supervision control monitoring inspection audit verification "
    "certification accreditation registration licence procurement contract "
    "tender bid supplier vendor contractor provider recipient beneficiary "
    "client customer user owner holder bearer agent broker intermediary "
    "channel pathway route corridor crossing checkpoint post station camp "
    "shelter settlement housing accommodation land property asset "
    "infrastructure facility building premises equipment vehicle transport "
    "logistics storage warehouse shipment consignment delivery distribution "
    "allocation appropriation disbursement reimbursement compensation "
    "remuneration salary allowance grant subsidy incentive penalty sanction "
    "fine fee charge levy tariff quota ceiling threshold benchmark baseline "
    "milestone deliverable product commodity good material equipment "
    "technology innovation digitalization automation software hardware "
    "application solution system interface module feature function "
    "capability competence expertise talent profession occupation career "
    "livelihood income poverty inequality vulnerability resilience "
    "adaptation mitigation preparedness prevention recovery reconstruction "
    "rehabilitation stabilization transition consolidation continuity "
    "sustainability coherence consistency complementarity synergy overlap "
    "duplication fragmentation proliferation convergence divergence "
    "alignment harmonization standardization rationalization reform "
    "restructuring reorganization realignment repositioning revitalization "
    "modernization transformation innovation institutionalization "
    "mainstreaming localization ownership proprietorship leadership "
    "stewardship accountability transparency integrity credibility "
    "legitimacy neutrality impartiality independence objectivity fairness "
    "balance equity parity representation participation engagement "
    "commitment pledge promise undertaking obligation duty responsibility "
    "role function task assignment job post vacancy appointment election "
    "nomination candidacy candidate term tenure succession transition "
    "handover retirement departure arrival entry exit admission removal "
    "expulsion deportation detention custody release repatriation "
    "readmission rescue search evacuation relocation transfer referral "
    "screening identification profiling assessment determination "
    "adjudication procedure hearing interview testimony statement "
    "declaration affidavit certificate diploma qualification degree "
    "language culture heritage tradition custom value belief religion "
    "faith gender age disability minority majority diaspora neighbourhood "
    "city town village municipality province district county island coast "
    "river lake sea ocean mountain desert forest border frontier boundary "
    "zone belt basin watershed ecosystem biodiversity species habitat water "
    "energy fuel electricity food agriculture crop harvest livestock "
    "fishery nutrition hunger famine drought flood storm cyclone earthquake "
    "epidemic pandemic disease illness injury treatment care medicine "
    "vaccine hospital clinic school university college institute academy "
    "centre laboratory library museum theatre stadium market port airport "
    "railway road highway bridge tunnel canal pipeline cable tower";

static const char verbs_src[] =
    "accept achieve acknowledge address adjust administer adopt advance "
    "advise advocate affect affirm align allocate allow amend analyse "
    "anticipate appear apply appoint appreciate approve argue arrange assess "
    "assign assist assume assure attach attempt attend attract authorize "
    "balance benefit calculate call carry categorize cause celebrate "
    "challenge change characterize charge clarify classify collaborate "
    "collect combine commend comment commit+ communicate compare compile "
    "complement complete comply compose comprise concern conclude conduct "
    "confirm consider consolidate constitute construct consult contain "
    "continue contribute control+ convene coordinate correct create decide "
    "declare decline decrease define delay delegate deliver demand "
    "demonstrate deploy describe design designate determine develop differ "
    "direct discuss distribute document draft duplicate educate elaborate "
    "elect eliminate embrace emerge emphasize employ enable encourage "
    "endorse engage enhance enlist ensure enter envisage establish estimate "
    "evaluate examine exceed exchange exclude execute exercise exist expand "
    "expect explain explore express extend facilitate finalize finance "
    "focus follow formulate foster function generate guarantee guide handle "
    "harmonize help highlight host identify illustrate implement improve "
    "include incorporate increase indicate inform initiate integrate intend "
    "interact introduce invest invite involve issue join justify launch "
    "limit link list maintain manage mandate measure mention merge mobilize "
    "monitor move need negotiate note notify observe obtain offer operate "
    "organize outline participate perform permit plan+ position prepare "
    "present preserve prevent proceed process produce progress promote "
    "propose protect prove provide publish pursue raise reach realize "
    "receive recognize recommend reconcile record reduce refer+ reflect "
    "reform register regulate reinforce reiterate reject relate release "
    "rely remain remind remove render renew repeat replace report represent "
    "request require reserve resolve respect respond restore restructure "
    "result retain review revise safeguard schedule secure select serve "
    "share shape shift signal simplify solve specify sponsor stabilize "
    "state strengthen stress structure submit+ succeed suggest summarize "
    "supervise supplement support sustain target test track train transfer+ "
    "transform translate treat underline update urge use utilize validate "
    "value verify view visit welcome widen work";

static const char adjs_src[] =
    "international national regional global local institutional "
    "operational financial political economic social legal technical "
    "humanitarian additional adequate administrative annual appropriate "
    "available basic broad central certain civil clear collective common "
    "comprehensive concrete consistent constructive continued critical "
    "cultural current decent democratic direct diverse domestic durable "
    "effective efficient electoral emerging environmental equal essential "
    "ethical existing external fair federal final flexible formal "
    "forthcoming full fundamental future general gradual great high "
    "historical human illegal important inclusive independent informal "
    "initial innovative integrated internal irregular joint judicial key "
    "large legislative limited long main major mandatory medical mixed "
    "mobile modern multilateral mutual natural necessary new normative "
    "notable ordinary organizational overall particular permanent positive "
    "possible practical preliminary present previous primary principal "
    "prior private proactive procedural productive professional progressive "
    "proper public qualified rapid real recent regular relevant reliable "
    "remote respective responsible rural safe scientific seasonal secure "
    "separate serious significant similar simple single special specific "
    "stable strategic strong structural substantial successful sufficient "
    "sustainable systematic temporary thematic timely total traditional "
    "transparent urban useful valuable various vital voluntary vulnerable "
    "wide binding coherent coordinated dedicated detailed enhanced expanded "
    "extended focused improved increased informed interim juridical "
    "longstanding measurable meaningful needed negotiated orderly "
    "predictable regulated renewed revised shared standing structured "
    "targeted unprecedented upcoming urgent";

static const char advs_src[] =
    "also further therefore however accordingly consistently currently "
    "effectively fully increasingly particularly previously progressively "
    "recently regularly significantly specifically subsequently "
    "substantially systematically ultimately broadly clearly closely "
    "directly especially generally jointly largely merely notably partly "
    "primarily properly rapidly readily respectively strongly urgently "
    "widely duly actively collectively continuously explicitly formally "
    "gradually indisputably";

static const char preps_src[] =
    "of in to for on with by from at through within under among between "
    "across towards into during without against beyond upon";

static const char modals_src[] =
    "should will may must could would can shall might";

static const char openers_src[] =
    "In_this_regard, Furthermore, However, At_the_same_time, In_addition, "
    "To_that_end, Moreover, Accordingly, Nevertheless, In_particular, "
    "In_practice, As_a_result, Consequently, Similarly, Finally, Indeed, "
    "On_the_other_hand, In_the_meantime, Overall, Against_that_background,";

/* Capitalised names: '_' joins the words of one name. */
static const char names_src[] =
    "Member_States Working_Group General_Assembly Secretary-General "
    "Security_Council Human_Rights_Council Second_Committee "
    "Economic_and_Social_Council Global_Migration_Group "
    "High-level_Dialogue_on_International_Migration_and_Development "
    "Special_Rapporteur_on_the_Human_Rights_of_Migrants United_Nations "
    "Director_General Board_of_Auditors Peacebuilding_Commission "
    "Advisory_Committee_on_Administrative_and_Budgetary_Questions "
    "International_Court_of_Justice World_Bank European_Union African_Union "
    "Inter-Agency_Standing_Committee High_Commissioner_for_Refugees "
    "Standing_Committee_on_Programmes_and_Finance Executive_Committee "
    "Global_Compact_for_Safe,_Orderly_and_Regular_Migration "
    "Sustainable_Development_Goals Executive_Board Bureau "
    "Joint_Inspection_Unit Office_of_Internal_Oversight_Services "
    "Fifth_Committee Third_Committee Governing_Council Steering_Committee";

static const char acronyms_src[] =
    "IOM UN UNHCR ECOSOC UNDP UNICEF OHCHR UNCTAD UNEP UNFPA UNODC OCHA "
    "DESA UNGA IASC ILO FAO WFP UNESCO UNITAR UNOPS UNRWA ICRC IFRC OECD "
    "WTO IMF SDGs UNDAF UNSDCF ACABQ JIU OIOS CEB HLCP UNDG";

/* Nouns a lead-in counts, in the plural (resources/lexicon knows them). */
static const char listnouns_src[] =
    "points reasons provisions priorities recommendations measures issues "
    "principles objectives concerns elements areas steps options risks "
    "questions developments proposals tasks changes";

static const char *const counts[] = { "", "one", "two", "three", "four",
	"five", "six", "seven" };

static const char *const ordinals[] = { "First", "Second", "Third",
	"Fourth", "Fifth", "Sixth", "Seventh" };

static const char *const romans[] = { "", "I", "II", "III", "IV", "V", "VI",
	"VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
	"XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV",
	"XXVI", "XXVII", "XXVIII", "XXIX", "XXX" };

static const char *const subromans[] = { "i", "ii", "iii", "iv" };

/* Syllables of the made-up words: fixed length, so that each rank gives
 * a different word. */
static const char consonants[] = "bdfgklmnprstvzch";
static const char vowels[] = "aeiou";

/* A list of words with Zipf weights: cum[i] is the weight of words
 * 0..i, and word i is about twice as likely as word 2i. */
struct wlist {
	char **w;
	size_t n;
	uint64_t *cum;
};

/* ------------------------------------------------------------ the PRNG */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t
rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Du;
}

static uint32_t
below(uint32_t n)
{
	return (uint32_t)((rnd() >> 16) % n);
}

/* True with probability pct percent. */
static bool
chance(uint32_t pct)
{
	return below(1000) < pct * 10;
}

/* A rank in [0, n): Zipf-like, with most draws near 0. */
static uint32_t
zipf_rank(const uint64_t *cum, size_t n)
{
	uint64_t r = (rnd() >> 8) % cum[n - 1];
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cum[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (uint32_t)lo;
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n);

	if (p == NULL) {
		fprintf(stderr, "mkdoc: out of memory\n");
		exit(2);
	}
	return p;
}

static uint64_t *
zipf_table(size_t n, uint32_t q)
{
	uint64_t *cum = xmalloc(n * sizeof(*cum)), sum = 0;

	for (size_t i = 0; i < n; i++) {
		sum += 10000000u / (i + q);
		cum[i] = sum;
	}
	return cum;
}

static void
wlist_init(struct wlist *l, const char *src, uint32_t q)
{
	char *copy = xmalloc(strlen(src) + 1), *save = NULL;

	strcpy(copy, src);
	l->n = 0;
	l->w = xmalloc((strlen(src) / 2 + 1) * sizeof(*l->w));
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		l->w[l->n++] = w;
	l->cum = zipf_table(l->n, q);
}

static const char *
pick(const struct wlist *l)
{
	return l->w[zipf_rank(l->cum, l->n)];
}

/* ---------------------------------------------------------- the output */

struct out {
	FILE *f;
	uint64_t bytes;
	uint32_t lines;             /* body lines on this page */
	uint32_t page;
	char unit[PARA_MAX];        /* the words being gathered */
	size_t ulen;
	bool cap;                   /* capitalise the next word */
	bool pages;                 /* page furniture */
};

static struct out o;

static void
emit(const char *s, size_t n)
{
	if (fwrite(s, 1, n, o.f) != n) {
		fprintf(stderr, "mkdoc: write error: %s\n", strerror(errno));
		exit(2);
	}
	o.bytes += n;
}

static void
emits(const char *s)
{
	emit(s, strlen(s));
}

static void
emitf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	emit(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* The end of a page, as PDF extraction leaves it: a blank line, the page
 * number and the job number, a form feed and the next page's running
 * header. */
static void
page_break(void)
{
	o.page++;
	emitf("\n%*u\n24-15820\n\fA/79/350\n\n", WIDTH - 10, o.page);
	o.lines = 0;
}

static void
line(const char *s, size_t n)
{
	emit(s, n);
	emit("\n", 1);
	if (o.pages && ++o.lines >= PAGE_LINES)
		page_break();
}

static void
lines(const char *s)
{
	line(s, strlen(s));
}

static void
blank(void)
{
	line("", 0);
}

/* Add a word to the unit, with a space before it unless glued. */
static void
add(const char *w, bool glue)
{
	size_t n = strlen(w);

	if (o.ulen + n + 2 >= PARA_MAX)
		return;
	if (o.ulen > 0 && !glue)
		o.unit[o.ulen++] = ' ';
	memcpy(o.unit + o.ulen, w, n);
	if (o.cap && n > 0 && w[0] >= 'a' && w[0] <= 'z')
		o.unit[o.ulen] = (char)(w[0] - 'a' + 'A');
	o.cap = false;
	o.ulen += n;
}

static void
word(const char *w)
{
	add(w, false);
}

static void
punct(const char *p)
{
	add(p, true);
}

static void
wordf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	word(buf);
}

/* Columns of s[0..n) (UTF-8). */
static size_t
columns(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static bool
hyphenable(const char *w, size_t n)
{
	if (n < 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

/* Write one line of a unit: '\1' (a space that must not break) becomes
 * a space, and some lines keep a trailing space, as PDF text does. */
static void
put_line(const char *s, size_t n)
{
	char buf[PARA_MAX];

	memcpy(buf, s, n);
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\1')
			buf[i] = ' ';
	if (chance(25))
		buf[n++] = ' ';
	line(buf, n);
}

/* Fill the unit into lines: the first indented by first columns, the
 * others by rest.  A long word that does not fit is sometimes broken at
 * a hyphen, as in text extracted from PDF. */
static void
flush(unsigned first, unsigned rest)
{
	char ln[PARA_MAX];
	size_t lw = first, cols = first, i = 0;
	bool empty = true;

	memset(ln, ' ', first);
	while (i < o.ulen) {
		size_t j = i, wlen, wcols;

		while (j < o.ulen && o.unit[j] != ' ')
			j++;
		wlen = j - i;
		wcols = columns(o.unit + i, wlen);
		if (!empty && cols + 1 + wcols > WIDTH) {
			size_t room = cols + 1 < WIDTH ? WIDTH - cols - 1 : 0;

			if (room >= 5 && hyphenable(o.unit + i, wlen) &&
			    wlen >= room - 1 + 4 && chance(15)) {
				ln[lw++] = ' ';
				memcpy(ln + lw, o.unit + i, room - 1);
				lw += room - 1;
				ln[lw++] = '-';
				i += room - 1;
				wlen -= room - 1;
				wcols = wlen;
			}
			put_line(ln, lw);
			memset(ln, ' ', rest);
			lw = cols = rest;
			empty = true;
		}
		if (!empty) {
			ln[lw++] = ' ';
			cols++;
		}
		memcpy(ln + lw, o.unit + i, wlen);
		lw += wlen;
		cols += wcols;
		empty = false;
		i = j + 1;
	}
	if (!empty)
		put_line(ln, lw);
	o.ulen = 0;
	o.cap = false;
}

/* ------------------------------------------------------- the vocabulary */

struct vocab {
	struct wlist nouns, verbs, adjs, advs, preps, modals, openers, names,
	    acronyms, listnouns;
	uint64_t *tail, *tail_names, *tail_acr;
};

static struct vocab v;

static void
vocab_init(void)
{
	wlist_init(&v.nouns, nouns_src, 3);
	wlist_init(&v.verbs, verbs_src, 3);
	wlist_init(&v.adjs, adjs_src, 3);
	wlist_init(&v.advs, advs_src, 2);
	wlist_init(&v.preps, preps_src, 1);
	wlist_init(&v.modals, modals_src, 1);
	wlist_init(&v.openers, openers_src, 2);
	wlist_init(&v.names, names_src, 2);
	wlist_init(&v.acronyms, acronyms_src, 1);
	wlist_init(&v.listnouns, listnouns_src, 2);
	v.tail = zipf_table(TAIL_WORDS, 20);
	v.tail_names = zipf_table(TAIL_NAMES, 5);
	v.tail_acr = zipf_table(TAIL_ACRONYMS, 5);
}

static bool
is_vowel(char c)
{
	return strchr("aeiou", c) != NULL;
}

/* Copy a list entry without its markers ('+': double the last
 * consonant before an ending; '_': a space between the words of one
 * entry). */
static size_t
base(const char *w, char *out, bool *dbl)
{
	size_t n = 0;

	*dbl = false;
	for (; *w; w++) {
		if (*w == '+')
			*dbl = true;
		else
			out[n++] = *w == '_' ? ' ' : *w;
	}
	out[n] = '\0';
	return n;
}

/* The plural of a noun, or the third person of a verb. */
static void
plural(const char *w, char *out)
{
	bool dbl;
	size_t n = base(w, out, &dbl);

	if (n > 1 && out[n - 1] == 'y' && !is_vowel(out[n - 2]))
		strcpy(out + n - 1, "ies");
	else if (n > 3 && strcmp(out + n - 3, "sis") == 0)
		out[n - 2] = 'e';
	else if (n > 3 && strcmp(out + n - 3, "man") == 0)
		out[n - 2] = 'e';
	else if (strcmp(out, "child") == 0)
		strcpy(out + n, "ren");
	else if (strcmp(out, "criterion") == 0)
		strcpy(out + n - 2, "a");
	else if (out[n - 1] == 's' || out[n - 1] == 'x' || out[n - 1] == 'z' ||
	    (n > 1 && out[n - 1] == 'h' && (out[n - 2] == 'c' || out[n - 2] == 's')))
		strcpy(out + n, "es");
	else
		strcpy(out + n, "s");
}

/* A verb with an ending: "ed" or "ing". */
static void
inflect(const char *w, const char *end, char *out)
{
	bool dbl;
	size_t n = base(w, out, &dbl);

	if (dbl) {
		out[n] = out[n - 1];
		out[++n] = '\0';
	}
	if (out[n - 1] == 'e' && (end[0] == 'e' || out[n - 2] != 'e'))
		n--;
	else if (end[0] == 'e' && out[n - 1] == 'y' && !is_vowel(out[n - 2]))
		out[n - 1] = 'i';
	strcpy(out + n, end);
}

/* A made-up word from a rank: three or four syllables. */
static void
madeup(uint32_t r, char *out, bool capital)
{
	size_t n = 0;
	uint32_t nsyl = r < 40000 ? 3 : 4;

	for (uint32_t i = 0; i < nsyl; i++) {
		uint32_t s = r % 80;

		r /= 80;
		out[n++] = consonants[s % 16];
		out[n++] = vowels[s / 16];
	}
	out[n] = '\0';
	if (capital)
		out[0] = (char)(out[0] - 'a' + 'A');
}

static void
noun(bool pl)
{
	char buf[64];

	if (chance(2)) {
		madeup(zipf_rank(v.tail, TAIL_WORDS), buf, false);
		if (pl)
			strcat(buf, "s");
		word(buf);
		return;
	}
	if (pl) {
		plural(pick(&v.nouns), buf);
		word(buf);
	} else
		word(pick(&v.nouns));
}

static void
verb(const char *form)
{
	char buf[64];
	bool dbl;

	if (strcmp(form, "s") == 0)
		plural(pick(&v.verbs), buf);
	else if (*form)
		inflect(pick(&v.verbs), form, buf);
	else
		base(pick(&v.verbs), buf, &dbl);
	word(buf);
}

static void
name_word(const char *src)
{
	char buf[128];
	bool dbl;

	base(src, buf, &dbl);
	word(buf);
}

/* ---------------------------------------------------------- the grammar */

/* What the document has said so far, for references back to it. */
struct state {
	uint32_t para;              /* the current paragraph number */
	uint8_t *items;             /* items of each paragraph so far */
	size_t capitems;
	uint32_t list_para;         /* the last list: its paragraph, */
	uint32_t list_count;        /*   count and noun */
	const char *list_noun;
	uint32_t chapter, section;
};

static struct state st;

static void np(int depth, bool *pl);

static void
proper_name(bool *pl)
{
	char buf[64];
	uint32_t r = below(100);

	*pl = false;
	if (r < 70) {
		const char *n = pick(&v.names);

		if (strncmp(n, "Member_States", 13) == 0)
			*pl = true;
		word("the");
		name_word(n);
	} else if (r < 85) {
		madeup(zipf_rank(v.tail_names, TAIL_NAMES), buf, true);
		word("the");
		word("Government");
		word("of");
		word(buf);
	} else {
		madeup(zipf_rank(v.tail_names, TAIL_NAMES), buf, true);
		strcat(buf, "n");
		word("the");
		word(buf);
		word(chance(50) ? "Ministry" : "Commission");
		word("for");
		word(chance(50) ? "Migration" : "Development");
	}
}

static void
acronym(void)
{
	char buf[16];

	if (chance(20)) {
		uint32_t r = zipf_rank(v.tail_acr, TAIL_ACRONYMS);

		buf[0] = 'U';
		buf[1] = 'N';
		buf[2] = (char)('A' + r % 26);
		buf[3] = (char)('A' + r / 26 % 26);
		buf[4] = r >= 676 ? (char)('A' + r / 676 % 26) : '\0';
		buf[5] = '\0';
		word(buf);
	} else
		word(pick(&v.acronyms));
}

/* "the four points above", "these three reasons": the last list. */
static bool
list_ref(void)
{
	if (st.list_para == 0 || st.list_count < 2)
		return false;
	if (chance(50)) {
		word("the");
		word(counts[st.list_count]);
		word(st.list_noun);
		word("above");
	} else {
		word("these");
		word(counts[st.list_count]);
		word(st.list_noun);
	}
	return true;
}

static void
determiner(bool pl)
{
	static const char *const sing[] = { "the", "the", "the", "this",
		"that", "each", "its", "their", "any", "every", "our" };
	static const char *const plur[] = { "the", "the", "the", "these",
		"those", "all", "its", "their", "such", "many", "our" };

	if (pl) {
		if (!chance(25))
			word(plur[below(sizeof(plur) / sizeof(plur[0]))]);
	} else
		word(sing[below(sizeof(sing) / sizeof(sing[0]))]);
}

static void
quoted(void)
{
	bool q = chance(70);

	word(q ? "\xE2\x80\x9C" : "\"");
	add(pick(&v.adjs), true);
	word(pick(&v.nouns));
	punct(q ? "\xE2\x80\x9D" : "\"");
}

/* A noun phrase; *pl says whether it is plural. */
static void
np(int depth, bool *pl)
{
	uint32_t r = below(1000);

	if (r < 50) {
		proper_name(pl);
		return;
	}
	if (r < 90) {
		*pl = false;
		word("the");
		acronym();
		return;
	}
	if (r < 100 && depth > 0 && list_ref()) {
		*pl = true;
		return;
	}
	*pl = chance(35);
	if (!*pl && chance(12)) {
		/* "a" or "an", agreeing with the word after it. */
		const char *adj = chance(40) ? pick(&v.adjs) : NULL;
		char nbuf[64];
		bool dbl;

		base(pick(&v.nouns), nbuf, &dbl);
		word(is_vowel(adj ? adj[0] : nbuf[0]) ? "an" : "a");
		if (adj)
			word(adj);
		word(nbuf);
		if (chance(30))
			word(pick(&v.nouns));
		goto tail;
	} else
		determiner(*pl);
	if (chance(3)) {
		quoted();
		goto tail;
	}
	if (chance(30)) {
		if (chance(10))
			word(pick(&v.advs));
		word(pick(&v.adjs));
	}
	if (chance(15))
		word(pick(&v.nouns));
	noun(*pl);
tail:
	if (depth < 2 && chance(depth == 0 ? 35 : 15)) {
		bool p2;

		word(pick(&v.preps));
		np(depth + 1, &p2);
	}
}

/* A reference to an earlier paragraph or item, or to another document.
 * '\1' keeps "paragraph 12 (b)" on one line. */
static void
xref(void)
{
	uint32_t r = below(100), p;

	if (st.para < 3 || r < 20) {
		static const char *const bodies[] = { "General\1Assembly",
			"Human\1Rights\1Council", "Security\1Council",
			"Economic\1and\1Social\1Council" };

		if (chance(70))
			wordf("%s\1resolution\1%u/%u", bodies[below(4)],
			    50 + below(30), 1 + below(320));
		else
			wordf("document\1A/%u/%u", 50 + below(30), 100 + below(800));
		return;
	}
	/* Mostly a recent paragraph, now and then any earlier one. */
	p = st.para - 1 - (chance(70) ? below(st.para - 1 < 40 ? st.para - 1 : 40) :
	    below(st.para - 1));
	if (r < 65 && st.items[p] >= 2)
		wordf("paragraph\1%u\1(%c)", p, 'a' + below(st.items[p]));
	else if (r < 85 || p + 2 > st.para - 1)
		wordf("paragraph\1%u", p);
	else
		wordf("paragraphs\1%u\1to\1%u", p, p + 1 + below(st.para - 1 - p < 5 ?
		    st.para - 1 - p : 5));
}

static void
vp(bool pl)
{
	uint32_t r = below(100);
	bool p2;

	if (r < 35) {
		word(pick(&v.modals));
		if (chance(15))
			word(pick(&v.advs));
		verb("");
		np(0, &p2);
	} else if (r < 60) {
		verb(pl ? "" : "s");
		np(0, &p2);
	} else if (r < 80) {
		word(pl ? "have" : "has");
		if (chance(20))
			word(pick(&v.advs));
		verb("ed");
		np(0, &p2);
	} else if (r < 90) {
		word(pl ? "are" : "is");
		if (chance(20))
			word(pick(&v.advs));
		word(pick(&v.adjs));
	} else {
		word(pl ? "were" : "was");
		verb("ed");
		word("by");
		np(1, &p2);
	}
	if (chance(30)) {
		word(pick(&v.preps));
		np(1, &p2);
	}
}

static void
sentence(bool cap)
{
	bool pl;
	uint32_t r;

	o.cap = cap;
	if (cap && chance(18)) {
		char buf[64];
		bool dbl;

		base(pick(&v.openers), buf, &dbl);
		word(buf);
	} else if (chance(4)) {
		word("As");
		word("noted");
		word("in");
		xref();
		punct(",");
	}
	np(0, &pl);
	if (chance(8)) {
		punct(",");
		word("which");
		vp(pl);
		punct(",");
	}
	vp(pl);
	r = below(100);
	if (r < 7) {
		word("(see");
		xref();
		punct(")");
	} else if (r < 11) {
		word("as");
		word("set");
		word("out");
		word("in");
		xref();
	} else if (r < 16) {
		punct(",");
		word(chance(50) ? "and" : "while");
		np(0, &pl);
		vp(pl);
	} else if (r < 18 && st.list_para != 0) {
		word("in");
		word("line");
		word("with");
		list_ref();
	}
	punct(".");
}

/* A short clause for an inline item: "the convening of a dialogue". */
static void
clause(void)
{
	bool pl;

	np(0, &pl);
	if (chance(40)) {
		word(pick(&v.preps));
		np(1, &pl);
	}
}

/* --------------------------------------------------------- the structure */

static void
title_case(const char *w)
{
	static const char *const small[] = { "of", "in", "to", "for", "on",
		"with", "by", "from", "at", "and", "the" };
	char buf[64];
	bool dbl;

	base(w, buf, &dbl);
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		if (strcmp(buf, small[i]) == 0) {
			word(buf);
			return;
		}
	buf[0] = (char)(buf[0] - 'a' + 'A');
	word(buf);
}

static void
upper_unit(void)
{
	for (size_t i = 0; i < o.ulen; i++)
		if (o.unit[i] >= 'a' && o.unit[i] <= 'z')
			o.unit[i] = (char)(o.unit[i] - 'a' + 'A');
}

/* Words of a heading: "Progress in the coordination of the response". */
static void
heading_words(bool caps)
{
	title_case(pick(&v.adjs));
	title_case(pick(&v.nouns));
	title_case(chance(50) ? "and" : pick(&v.preps));
	title_case("the");
	title_case(pick(&v.nouns));
	if (caps)
		upper_unit();
}

static void
heading(void)
{
	blank();
	if (chance(30) && st.chapter > 0 && st.section < 8) {
		wordf("%c.", 'A' + st.section++);
		heading_words(false);
	} else if (st.chapter + 1 < sizeof(romans) / sizeof(romans[0])) {
		st.chapter++;
		st.section = 0;
		wordf("%s.", romans[st.chapter]);
		heading_words(false);
	} else
		heading_words(true);
	flush(0, 0);
	blank();
}

static void
title_block(void)
{
	char pad[WIDTH];

	memset(pad, ' ', sizeof(pad));
	emit(pad, WIDTH - 8);
	emits("A/79/350\n");
	line("", 0);
	lines("     REPORT OF THE WORKING GROUP ON MIGRATION GOVERNANCE AND THE");
	lines("          COORDINATION OF THE INTERNATIONAL RESPONSE");
	blank();
	blank();
}

static void
ensure_items(uint32_t para)
{
	if (para >= st.capitems) {
		st.capitems = st.capitems ? st.capitems * 2 : 1024;
		st.items = realloc(st.items, st.capitems);
		if (st.items == NULL) {
			fprintf(stderr, "mkdoc: out of memory\n");
			exit(2);
		}
	}
	st.items[para] = 0;
}

/* The sentence that leads into a list of count nouns, ending with a
 * colon: "I have consistently made four points:". */
static void
lead_in(uint32_t count, const char *nounw, bool several)
{
	const char *c = several ? "several" : counts[count];
	uint32_t r = below(4);
	bool pl;

	o.cap = true;
	if (r == 0) {
		word("I");
		word("have");
		if (chance(50))
			word(pick(&v.advs));
		word("made");
		word(c);
		word(nounw);
	} else if (r == 1) {
		np(0, &pl);
		word(pl ? "have" : "has");
		word("identified");
		word(c);
		word(nounw);
		punct(",");
		word("as");
		word("follows");
	} else if (r == 2) {
		word("This");
		word("is");
		word("so");
		word("for");
		word(c);
		word(nounw);
	} else {
		word("In");
		word("this");
		word("regard");
		punct(",");
		np(0, &pl);
		word(pl ? "recommend" : "recommends");
		word("the");
		word("following");
		word(c);
		word(nounw);
	}
	punct(":");
}

/* The end of item k of n: "; and" before the last, "." after it. */
static void
end_item(uint32_t k, uint32_t n)
{
	if (k + 2 == n) {
		punct(";");
		word("and");
	} else
		punct(k + 1 == n ? "." : ";");
}

/* Sub-items "(i)", "(ii)" after item k's colon, inside its sentence or
 * on lines of their own. */
static void
subitems(bool inline_, uint32_t k, uint32_t n)
{
	uint32_t ns = 2 + below(3);
	unsigned ind = inline_ ? 4 : 8;

	if (!inline_) {
		flush(4, 4);
		blank();
	}
	for (uint32_t j = 0; j < ns; j++) {
		wordf("(%s)", subromans[j]);
		clause();
		if (j + 1 == ns)
			break;
		punct(";");
		if (j + 2 == ns)
			word("or");
		if (!inline_) {
			flush(ind, ind);
			blank();
		}
	}
	end_item(k, n);
	flush(ind, ind);
	blank();
}

static void
items_inline(uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		wordf("(%c)", 'a' + k);
		clause();
		end_item(k, n);
	}
	flush(0, 0);
	blank();
}

static void
items_lines(uint32_t n)
{
	flush(0, 0);
	blank();
	for (uint32_t k = 0; k < n; k++) {
		bool ord = chance(40);

		wordf("(%c)", 'a' + k);
		if (ord) {
			word(ordinals[k]);
			punct(",");
		}
		sentence(!ord);
		o.ulen--;               /* its full stop */
		if (k > 0 && chance(5)) {
			word("as");
			word("set");
			word("out");
			word("in");
			wordf("subparagraph\1(%c)\1above", 'a' + below(k));
		}
		if (chance(15)) {
			punct(":");
			subitems(chance(50), k, n);
			continue;
		}
		end_item(k, n);
		flush(4, 4);
		blank();
	}
}

static void
paragraph(void)
{
	uint32_t ns = 1 + below(3) + below(4);

	st.para++;
	ensure_items(st.para);
	if (st.para > 1 && chance(3))
		heading();
	wordf("%u.", st.para);
	for (uint32_t i = 0; i < ns; i++)
		sentence(true);
	if (chance(28)) {
		uint32_t count = 2 + below(5), n = count;
		bool several = chance(8);
		const char *nounw = pick(&v.listnouns);

		if (chance(3))
			n = count > 2 ? count - 1 : count + 1;      /* a mismatch */
		lead_in(count, nounw, several);
		if (n <= 4 && chance(35))
			items_inline(n);
		else
			items_lines(n);
		st.items[st.para] = (uint8_t)n;
		st.list_para = st.para;
		st.list_count = several ? n : count;
		st.list_noun = nounw;
		return;
	}
	flush(0, 0);
	blank();
}

static void
last_paragraph(void)
{
	st.para++;
	wordf("%u.", st.para);
	o.cap = true;
	word("the");
	name_word("Working_Group");
	word("will");
	word("revert");
	word("to");
	word("the");
	word("question");
	word("of");
	word(UNIQUE);
	word("at");
	word("its");
	word("next");
	word("session");
	punct(".");
	flush(0, 0);
}

/* ------------------------------------------------------------- the main */

static uint64_t
parse_size(const char *s)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s)
		return 0;
	switch (*end) {
	case 'k': case 'K':
		n <<= 10;
		end++;
		break;
	case 'm': case 'M':
		n <<= 20;
		end++;
		break;
	case 'g': case 'G':
		n <<= 30;
		end++;
		break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	return *end ? 0 : n;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mkdoc --size SIZE[K|M|G] --out FILE "
	    "[--seed N] [--no-pages]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	uint64_t size = 0;
	const char *path = NULL;
	FILE *info = stdout;
	static char obuf[1 << 20];

	o.pages = true;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
			size = parse_size(argv[++i]);
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			rng ^= strtoull(argv[++i], NULL, 0) * 0xBF58476D1CE4E5B9u;
		else if (strcmp(argv[i], "--no-pages") == 0)
			o.pages = false;
		else
			usage();
	}
	if (size == 0 || path == NULL)
		usage();
	if (rng == 0)
		rng = 1;
	if (strcmp(path, "-") == 0) {
		o.f = stdout;
		info = stderr;
	} else if ((o.f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "mkdoc: %s: %s\n", path, strerror(errno));
		return 2;
	}
	setvbuf(o.f, obuf, _IOFBF, sizeof(obuf));
	vocab_init();
	title_block();
	while (o.bytes < size)
		paragraph();
	last_paragraph();
	if (fflush(o.f) != 0 || (o.f != stdout && fclose(o.f) != 0)) {
		fprintf(stderr, "mkdoc: %s: %s\n", path, strerror(errno));
		return 2;
	}
	fprintf(info, "bytes: %llu\nlast-paragraph: %u\nunique-word: %s\n",
	    (unsigned long long)o.bytes, st.para, UNIQUE);
	return 0;
}
