/* EAM potentials evaluated exactly as LAMMPS 29 Sep 2021 evaluates them (MANYBODY/pair_eam.cpp,
 * pair_eam_alloy.cpp, pair_eam_fs.cpp): the same file reading, the same tables and splines, the
 * same table lookup with its clamps, so that energies and forces agree to rounding.  The
 * Hessian is minus the Jacobian of these forces (the second derivative of the energy wherever
 * the tables are used inside their range; where a lookup is clamped to the table end the
 * force is constant and so is its Jacobian). */
#include "mgglass.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one spline knot: c[0..2] derivative coefficients (per unit of the abscissa), c[3..6] value
 * coefficients in p, the offset from the knot in units of the spacing */
#define NCOEF 7
/* fewer knots leave the end slopes of the spline undefined */
#define MIN_KNOTS 5
/* words kept from one header record (the element line is the longest) */
#define MAX_WORDS 32
#define MAX_NUMBER_LEN 63

struct mgg_eam {
  int n_types, nrho, nr;
  double rdrho, rdr;   /* inverse knot spacings */
  double rhomax;       /* beyond this density the embedding energy continues linearly */
  double cut, cutsq;
  double *data;        /* mass[n_types], then the spline tables, NCOEF doubles per knot */
  const double *mass;
  size_t *offsets;     /* frho_of[n_types], rho_at_from[n_types^2], z2r_of[n_types^2] */
  const size_t *frho_of;     /* table of F for type a */
  const size_t *rho_at_from; /* [a n_types + b]: table of the density at a type-a atom due to b */
  const size_t *z2r_of;      /* [a n_types + b]: table of r phi_ab(r) */
};

/* ------------------------------------------------------------------ messages */

static void report(char *message, size_t message_len, const char *fmt, ...)
{
  if (!message || message_len == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, message_len, fmt, ap);
  va_end(ap);
}

/* ---------------------------------------------------------------- file text */

/* The whole file in memory: LAMMPS reads line by line, the line structure is what matters. */
static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    char *grown = realloc(buf, 2 * cap);
    if (!grown) free(buf);
    buf = grown;
    cap *= 2;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

/* A reader with the semantics of LAMMPS's PotentialFileReader: text after '#' is a comment; a
 * record is read line by line until it holds the words requested; a vector of numbers is read
 * line by line and the words of its last line beyond the vector are dropped. */
typedef struct {
  const char *path, *p, *end;
  int line; /* number of the last line read */
  char *message;
  size_t message_len;
} reader;

typedef struct {
  int n; /* words in the record; the first MAX_WORDS are kept */
  const char *word[MAX_WORDS];
  size_t len[MAX_WORDS];
} record;

static mgg_status file_error(reader *rd, const char *fmt, ...)
{
  if (rd->message && rd->message_len > 0) {
    int k = snprintf(rd->message, rd->message_len, "%s:%d: ", rd->path, rd->line);
    if (k >= 0 && (size_t) k < rd->message_len) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(rd->message + k, rd->message_len - (size_t) k, fmt, ap);
      va_end(ap);
    }
  }
  return MGG_ERR_FILE;
}

static int next_line(reader *rd, const char **s, const char **e)
{
  if (rd->p >= rd->end) return 0;
  const char *nl = memchr(rd->p, '\n', (size_t) (rd->end - rd->p));
  const char *stop = nl ? nl : rd->end;
  const char *hash = memchr(rd->p, '#', (size_t) (stop - rd->p));
  *s = rd->p;
  *e = hash ? hash : stop;
  rd->p = nl ? nl + 1 : rd->end;
  rd->line++;
  return 1;
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int next_word(const char **s, const char *e, const char **word, size_t *len)
{
  const char *q = *s;
  while (q < e && is_space(*q)) q++;
  if (q == e) return 0;
  *word = q;
  while (q < e && !is_space(*q)) q++;
  *len = (size_t) (q - *word);
  *s = q;
  return 1;
}

static mgg_status skip_line(reader *rd)
{
  const char *s, *e;
  return next_line(rd, &s, &e) ? MGG_OK : file_error(rd, "missing line");
}

static mgg_status read_record(reader *rd, int nwords, record *rec)
{
  rec->n = 0;
  while (rec->n == 0 || rec->n < nwords) {
    const char *s, *e, *w;
    size_t len;
    if (!next_line(rd, &s, &e)) return file_error(rd, "missing line (%d words expected)", nwords);
    while (next_word(&s, e, &w, &len)) {
      if (rec->n < MAX_WORDS) {
        rec->word[rec->n] = w;
        rec->len[rec->n] = len;
      }
      rec->n++;
    }
  }
  return MGG_OK;
}

/* the word as a NUL-terminated string in buf; 0 when it does not fit */
static int word_text(const char *w, size_t len, char buf[MAX_NUMBER_LEN + 1])
{
  if (len > MAX_NUMBER_LEN) return 0;
  memcpy(buf, w, len);
  buf[len] = '\0';
  return 1;
}

static mgg_status parse_double(reader *rd, const char *w, size_t len, double *v)
{
  char buf[MAX_NUMBER_LEN + 1], *end;
  if (word_text(w, len, buf)) {
    *v = strtod(buf, &end);
    if (end == buf + len && isfinite(*v)) return MGG_OK;
  }
  return file_error(rd, "'%.*s' is not a number", (int) (len < 40 ? len : 40), w);
}

static mgg_status parse_int(reader *rd, const char *w, size_t len, int *v)
{
  char buf[MAX_NUMBER_LEN + 1], *end;
  if (word_text(w, len, buf)) {
    const long x = strtol(buf, &end, 10);
    if (end == buf + len && x >= INT_MIN && x <= INT_MAX) {
      *v = (int) x;
      return MGG_OK;
    }
  }
  return file_error(rd, "'%.*s' is not an integer", (int) (len < 40 ? len : 40), w);
}

static mgg_status read_vector(reader *rd, double *v, int n, const char *what)
{
  int i = 0;
  while (i < n) {
    const char *s, *e, *w;
    size_t len;
    if (!next_line(rd, &s, &e)) return file_error(rd, "%s: %d of %d values", what, i, n);
    while (i < n && next_word(&s, e, &w, &len)) {
      mgg_status st = parse_double(rd, w, len, &v[i]);
      if (st != MGG_OK) return st;
      i++;
    }
  }
  return MGG_OK;
}

/* "nrho drho nr dr cut", with the checks LAMMPS makes and those the splines need */
typedef struct {
  int nrho, nr;
  double drho, dr, cut;
} grid_header;

static mgg_status read_grid_header(reader *rd, grid_header *g)
{
  record rec;
  mgg_status st = read_record(rd, 5, &rec);
  if (st == MGG_OK) st = parse_int(rd, rec.word[0], rec.len[0], &g->nrho);
  if (st == MGG_OK) st = parse_double(rd, rec.word[1], rec.len[1], &g->drho);
  if (st == MGG_OK) st = parse_int(rd, rec.word[2], rec.len[2], &g->nr);
  if (st == MGG_OK) st = parse_double(rd, rec.word[3], rec.len[3], &g->dr);
  if (st == MGG_OK) st = parse_double(rd, rec.word[4], rec.len[4], &g->cut);
  if (st != MGG_OK) return st;
  if (g->nrho < MIN_KNOTS || g->nr < MIN_KNOTS || !(g->drho > 0.0) || !(g->dr > 0.0) ||
      !(g->cut > 0.0))
    return file_error(rd, "invalid grid: need nrho, nr >= %d and drho, dr, cutoff > 0", MIN_KNOTS);
  return MGG_OK;
}

/* "number mass ...": the atomic number is only checked to be an integer, as LAMMPS does */
static mgg_status read_mass(reader *rd, double *mass)
{
  record rec;
  int number;
  mgg_status st = read_record(rd, 2, &rec);
  if (st == MGG_OK) st = parse_int(rd, rec.word[0], rec.len[0], &number);
  if (st == MGG_OK) st = parse_double(rd, rec.word[1], rec.len[1], mass);
  return st;
}

/* ------------------------------------------------------------------- tables */

/* Cubic spline through f[0..n-1] on knots spaced delta, written to s (NCOEF per knot): slopes
 * from the five-point difference (one-sided at the ends), cubic Hermite segments.  The
 * expressions are LAMMPS's PairEAM::interpolate() ones, term for term, so that the
 * coefficients are bitwise the same. */
static void build_spline(int n, double delta, const double *f, double *s)
{
#define S(k, c) s[NCOEF * (size_t) (k) + (c)]
  for (int k = 0; k < n; k++) S(k, 6) = f[k];
  S(0, 5) = S(1, 6) - S(0, 6);
  S(1, 5) = 0.5 * (S(2, 6) - S(0, 6));
  S(n - 2, 5) = 0.5 * (S(n - 1, 6) - S(n - 3, 6));
  S(n - 1, 5) = S(n - 1, 6) - S(n - 2, 6);
  for (int k = 2; k <= n - 3; k++)
    S(k, 5) = ((S(k - 2, 6) - S(k + 2, 6)) + 8.0 * (S(k + 1, 6) - S(k - 1, 6))) / 12.0;
  for (int k = 0; k <= n - 2; k++) {
    S(k, 4) = 3.0 * (S(k + 1, 6) - S(k, 6)) - 2.0 * S(k, 5) - S(k + 1, 5);
    S(k, 3) = S(k, 5) + S(k + 1, 5) - 2.0 * (S(k + 1, 6) - S(k, 6));
  }
  S(n - 1, 4) = 0.0;
  S(n - 1, 3) = 0.0;
  for (int k = 0; k < n; k++) {
    S(k, 2) = S(k, 5) / delta;
    S(k, 1) = 2.0 * S(k, 4) / delta;
    S(k, 0) = 3.0 * S(k, 3) / delta;
  }
#undef S
}

static size_t tri_index(int a, int b)
{
  const int hi = a > b ? a : b, lo = a > b ? b : a;
  return (size_t) hi * (size_t) (hi + 1) / 2 + (size_t) lo;
}

/* An object with room for n_tables_rho tables of nrho knots and n_tables_r of nr knots. */
static mgg_eam *allocate(int n_types, const grid_header *g, int nrho, int nr, size_t n_tables_rho,
                         size_t n_tables_r)
{
  mgg_eam *eam = calloc(1, sizeof *eam);
  if (!eam) return NULL;
  const size_t nt = (size_t) n_types;
  eam->data = malloc((nt + NCOEF * (n_tables_rho * (size_t) nrho + n_tables_r * (size_t) nr)) *
                     sizeof(double));
  eam->offsets = malloc((nt + 2 * nt * nt) * sizeof(size_t));
  if (!eam->data || !eam->offsets) {
    mgg_eam_free(eam);
    return NULL;
  }
  eam->n_types = n_types;
  eam->nrho = nrho;
  eam->nr = nr;
  eam->cut = g->cut;
  eam->cutsq = g->cut * g->cut;
  eam->mass = eam->data;
  eam->frho_of = eam->offsets;
  eam->rho_at_from = eam->offsets + nt;
  eam->z2r_of = eam->offsets + nt + nt * nt;
  return eam;
}

void mgg_eam_free(mgg_eam *eam)
{
  if (!eam) return;
  free(eam->data);
  free(eam->offsets);
  free(eam);
}

static int valid_names(int n, const char *const *names)
{
  if (n <= 0 || !names) return 0;
  for (int t = 0; t < n; t++)
    if (!names[t]) return 0;
  return 1;
}

/* --------------------------------------------------------- setfl and fs files */

/* raw file values of a setfl or fs file */
typedef struct {
  int ne;
  char names[MAX_WORDS][MAX_NUMBER_LEN + 1];
  grid_header g;
  double mass[MAX_WORDS];
  double *frho, *rhor, *z2r; /* ne tables of nrho; n_rhor tables of nr; ne(ne+1)/2 of nr */
  size_t n_rhor;
} setfl_values;

static mgg_status read_setfl_values(reader *rd, mgg_eam_format format, setfl_values *v)
{
  mgg_status st = MGG_OK;
  for (int k = 0; k < 3 && st == MGG_OK; k++) st = skip_line(rd);
  record rec;
  if (st == MGG_OK) st = read_record(rd, 1, &rec);
  if (st == MGG_OK) st = parse_int(rd, rec.word[0], rec.len[0], &v->ne);
  if (st != MGG_OK) return st;
  if (v->ne < 1 || v->ne + 1 > MAX_WORDS || rec.n != v->ne + 1)
    return file_error(rd, "the element line must give N (1 to %d) and N names", MAX_WORDS - 1);
  for (int e = 0; e < v->ne; e++)
    if (!word_text(rec.word[e + 1], rec.len[e + 1], v->names[e]))
      return file_error(rd, "element name too long");
  st = read_grid_header(rd, &v->g);
  if (st != MGG_OK) return st;

  const size_t ne = (size_t) v->ne, nrho = (size_t) v->g.nrho, nr = (size_t) v->g.nr;
  v->n_rhor = format == MGG_EAM_FS ? ne * ne : ne;
  v->frho = malloc(ne * nrho * sizeof(double));
  v->rhor = malloc(v->n_rhor * nr * sizeof(double));
  v->z2r = malloc(ne * (ne + 1) / 2 * nr * sizeof(double));
  if (!v->frho || !v->rhor || !v->z2r) return file_error(rd, "out of memory");
  const size_t rho_per_element = v->n_rhor / ne;
  for (size_t e = 0; e < ne && st == MGG_OK; e++) {
    st = read_mass(rd, &v->mass[e]);
    if (st == MGG_OK) st = read_vector(rd, v->frho + e * nrho, v->g.nrho, "embedding function");
    for (size_t k = 0; k < rho_per_element && st == MGG_OK; k++)
      st = read_vector(rd, v->rhor + (e * rho_per_element + k) * nr, v->g.nr, "density function");
  }
  for (size_t q = 0; q < ne * (ne + 1) / 2 && st == MGG_OK; q++)
    st = read_vector(rd, v->z2r + q * nr, v->g.nr, "pair function r*phi");
  return st;
}

static mgg_status setfl_tables(const setfl_values *v, mgg_eam_format format, int n_types,
                               const char *const *elements, mgg_eam **out, char *message,
                               size_t message_len)
{
  int map[MAX_WORDS];
  for (int t = 0; t < n_types; t++) {
    map[t] = -1;
    for (int e = 0; e < v->ne; e++)
      if (strcmp(elements[t], v->names[e]) == 0) map[t] = e;
    if (map[t] < 0) {
      report(message, message_len, "element %s (type %d) is not in the potential file",
             elements[t], t);
      return MGG_ERR_FILE;
    }
  }
  const size_t ne = (size_t) v->ne, nz2r = ne * (ne + 1) / 2;
  mgg_eam *eam = allocate(n_types, &v->g, v->g.nrho, v->g.nr, ne, v->n_rhor + nz2r);
  if (!eam) {
    report(message, message_len, "out of memory");
    return MGG_ERR_NO_MEMORY;
  }
  const size_t nrho = (size_t) v->g.nrho, nr = (size_t) v->g.nr, nt = (size_t) n_types;
  eam->rdrho = 1.0 / v->g.drho;
  eam->rdr = 1.0 / v->g.dr;
  eam->rhomax = (v->g.nrho - 1) * v->g.drho;
  double *frho = eam->data + nt, *rhor = frho + NCOEF * ne * nrho, *z2r = rhor + NCOEF * v->n_rhor * nr;
  for (size_t e = 0; e < ne; e++)
    build_spline(v->g.nrho, v->g.drho, v->frho + e * nrho, frho + NCOEF * e * nrho);
  for (size_t q = 0; q < v->n_rhor; q++)
    build_spline(v->g.nr, v->g.dr, v->rhor + q * nr, rhor + NCOEF * q * nr);
  for (size_t q = 0; q < nz2r; q++)
    build_spline(v->g.nr, v->g.dr, v->z2r + q * nr, z2r + NCOEF * q * nr);

  size_t *offsets = eam->offsets;
  for (size_t a = 0; a < nt; a++) {
    eam->data[a] = v->mass[map[a]];
    offsets[a] = nt + NCOEF * (size_t) map[a] * nrho;
    for (size_t b = 0; b < nt; b++) {
      /* eam/fs: the block of the neighbour's element b holds its density at each element a */
      const size_t table = format == MGG_EAM_FS ? (size_t) map[b] * ne + (size_t) map[a] : (size_t) map[b];
      offsets[nt + a * nt + b] = (size_t) (rhor - eam->data) + NCOEF * table * nr;
      offsets[nt + nt * nt + a * nt + b] =
          (size_t) (z2r - eam->data) + NCOEF * tri_index(map[a], map[b]) * nr;
    }
  }
  *out = eam;
  return MGG_OK;
}

mgg_status mgg_eam_read_setfl(const char *path, mgg_eam_format format, int n_types,
                              const char *const *elements, mgg_eam **eam, char *message,
                              size_t message_len)
{
  if (!path || !eam || !elements) return MGG_ERR_NULL_ARGUMENT;
  *eam = NULL;
  if ((format != MGG_EAM_SETFL && format != MGG_EAM_FS) || !valid_names(n_types, elements) ||
      n_types > MAX_WORDS) {
    report(message, message_len, "bad format or element list (1 to %d types)", MAX_WORDS);
    return MGG_ERR_BAD_ARGUMENT;
  }
  size_t len;
  char *text = slurp(path, &len);
  if (!text) {
    report(message, message_len, "%s: cannot read the file", path);
    return MGG_ERR_FILE;
  }
  reader rd = {path, text, text + len, 0, message, message_len};
  setfl_values v = {0};
  mgg_status st = read_setfl_values(&rd, format, &v);
  free(text);
  if (st == MGG_OK) st = setfl_tables(&v, format, n_types, elements, eam, message, message_len);
  free(v.frho);
  free(v.rhor);
  free(v.z2r);
  return st;
}

/* ------------------------------------------------------------- funcfl files */

typedef struct {
  grid_header g;
  double mass;
  double *frho, *zr, *rhor;
} funcfl_values;

static mgg_status read_funcfl_values(reader *rd, funcfl_values *v)
{
  mgg_status st = skip_line(rd);
  if (st == MGG_OK) st = read_mass(rd, &v->mass);
  if (st == MGG_OK) st = read_grid_header(rd, &v->g);
  if (st != MGG_OK) return st;
  v->frho = malloc((size_t) v->g.nrho * sizeof(double));
  v->zr = malloc((size_t) v->g.nr * sizeof(double));
  v->rhor = malloc((size_t) v->g.nr * sizeof(double));
  if (!v->frho || !v->zr || !v->rhor) return file_error(rd, "out of memory");
  st = read_vector(rd, v->frho, v->g.nrho, "embedding function");
  if (st == MGG_OK) st = read_vector(rd, v->zr, v->g.nr, "effective charge Z");
  if (st == MGG_OK) st = read_vector(rd, v->rhor, v->g.nr, "density function");
  return st;
}

/* The value at x of the file's table f[0..n-1] (spacing delta), by the four-point Lagrange
 * interpolation of LAMMPS's PairEAM::file2array(), expressions kept term for term. */
static double regrid(const double *f, int n, double delta, double x)
{
  const double sixth = 1.0 / 6.0;
  double p = x / delta + 1.0;
  int k = (int) p;
  k = k < n - 2 ? k : n - 2;
  k = k > 2 ? k : 2;
  p -= k;
  p = p < 2.0 ? p : 2.0;
  const double cof1 = -sixth * p * (p - 1.0) * (p - 2.0);
  const double cof2 = 0.5 * (p * p - 1.0) * (p - 2.0);
  const double cof3 = -0.5 * p * (p + 1.0) * (p - 2.0);
  const double cof4 = sixth * p * (p * p - 1.0);
  /* LAMMPS's file arrays start at 1: its f[k-1] is f[k-2] here */
  return cof1 * f[k - 2] + cof2 * f[k - 1] + cof3 * f[k] + cof4 * f[k + 1];
}

static mgg_status funcfl_tables(const funcfl_values *files, int nf, int n_types, const int *file_of,
                                mgg_eam **out, char *message, size_t message_len)
{
  /* one grid for all files: the largest spacings and ranges; the knot count rounds the
   * range over the spacing, so a single file's table loses its last knot, as in LAMMPS */
  grid_header g = {0, 0, 0.0, 0.0, 0.0};
  double rmax = 0.0, rhomax = 0.0;
  for (int f = 0; f < nf; f++) {
    const grid_header *h = &files[f].g;
    g.dr = fmax(g.dr, h->dr);
    g.drho = fmax(g.drho, h->drho);
    rmax = fmax(rmax, (h->nr - 1) * h->dr);
    rhomax = fmax(rhomax, (h->nrho - 1) * h->drho);
    g.cut = fmax(g.cut, h->cut);
  }
  g.nr = (int) (rmax / g.dr + 0.5);
  g.nrho = (int) (rhomax / g.drho + 0.5);
  if (g.nr < MIN_KNOTS || g.nrho < MIN_KNOTS) {
    report(message, message_len, "funcfl tables too short (fewer than %d knots)", MIN_KNOTS);
    return MGG_ERR_FILE;
  }
  const size_t nfz = (size_t) nf, nz2r = nfz * (nfz + 1) / 2, nt = (size_t) n_types;
  const size_t nrho = (size_t) g.nrho, nr = (size_t) g.nr;
  mgg_eam *eam = allocate(n_types, &g, g.nrho, g.nr, nfz, nfz + nz2r);
  double *values = malloc((nrho > nr ? nrho : nr) * sizeof(double));
  if (!eam || !values) {
    mgg_eam_free(eam);
    free(values);
    report(message, message_len, "out of memory");
    return MGG_ERR_NO_MEMORY;
  }
  eam->rdrho = 1.0 / g.drho;
  eam->rdr = 1.0 / g.dr;
  eam->rhomax = rhomax;
  double *frho = eam->data + nt, *rhor = frho + NCOEF * nfz * nrho, *z2r = rhor + NCOEF * nfz * nr;
  for (size_t f = 0; f < nfz; f++) {
    const funcfl_values *v = &files[f];
    for (size_t m = 0; m < nrho; m++) values[m] = regrid(v->frho, v->g.nrho, v->g.drho, m * g.drho);
    build_spline(g.nrho, g.drho, values, frho + NCOEF * f * nrho);
    for (size_t m = 0; m < nr; m++) values[m] = regrid(v->rhor, v->g.nr, v->g.dr, m * g.dr);
    build_spline(g.nr, g.dr, values, rhor + NCOEF * f * nr);
  }
  /* phi_ab = Z_a Z_b / r in Hartree Bohr, converted to eV Angstrom with LAMMPS's factors */
  for (int a = 0; a < nf; a++)
    for (int b = 0; b <= a; b++) {
      const funcfl_values *fa = &files[a], *fb = &files[b];
      for (size_t m = 0; m < nr; m++) {
        const double zri = regrid(fa->zr, fa->g.nr, fa->g.dr, m * g.dr);
        const double zrj = regrid(fb->zr, fb->g.nr, fb->g.dr, m * g.dr);
        values[m] = 27.2 * 0.529 * zri * zrj;
      }
      build_spline(g.nr, g.dr, values, z2r + NCOEF * tri_index(a, b) * nr);
    }
  free(values);

  size_t *offsets = eam->offsets;
  for (size_t a = 0; a < nt; a++) {
    eam->data[a] = files[file_of[a]].mass;
    offsets[a] = nt + NCOEF * (size_t) file_of[a] * nrho;
    for (size_t b = 0; b < nt; b++) {
      offsets[nt + a * nt + b] = (size_t) (rhor - eam->data) + NCOEF * (size_t) file_of[b] * nr;
      offsets[nt + nt * nt + a * nt + b] =
          (size_t) (z2r - eam->data) + NCOEF * tri_index(file_of[a], file_of[b]) * nr;
    }
  }
  *out = eam;
  return MGG_OK;
}

mgg_status mgg_eam_read_funcfl(int n_types, const char *const *paths, mgg_eam **eam,
                               char *message, size_t message_len)
{
  if (!paths || !eam) return MGG_ERR_NULL_ARGUMENT;
  *eam = NULL;
  if (!valid_names(n_types, paths) || n_types > MAX_WORDS) {
    report(message, message_len, "bad list of funcfl files (1 to %d types)", MAX_WORDS);
    return MGG_ERR_BAD_ARGUMENT;
  }
  /* files in order of first mention, as repeated pair_coeff commands register them */
  funcfl_values files[MAX_WORDS];
  int file_of[MAX_WORDS], named_by[MAX_WORDS], nf = 0;
  memset(files, 0, sizeof files);
  mgg_status st = MGG_OK;
  for (int t = 0; t < n_types && st == MGG_OK; t++) {
    int f = 0;
    while (f < nf && strcmp(paths[t], paths[named_by[f]]) != 0) f++;
    file_of[t] = f;
    if (f < nf) continue;
    named_by[nf++] = t;
    size_t len;
    char *text = slurp(paths[t], &len);
    if (!text) {
      report(message, message_len, "%s: cannot read the file", paths[t]);
      st = MGG_ERR_FILE;
      break;
    }
    reader rd = {paths[t], text, text + len, 0, message, message_len};
    st = read_funcfl_values(&rd, &files[f]);
    free(text);
  }
  if (st == MGG_OK) st = funcfl_tables(files, nf, n_types, file_of, eam, message, message_len);
  for (int f = 0; f < nf; f++) {
    free(files[f].frho);
    free(files[f].zr);
    free(files[f].rhor);
  }
  return st;
}

/* ------------------------------------------------------- tables of a pair style */

mgg_status mgg_eam_from_tables(const mgg_eam_tables *t, mgg_eam **out)
{
  if (!t || !out || !t->frho || !t->rhor || !t->z2r || !t->frho_of_type || !t->rhor_of_types ||
      !t->z2r_of_types || !t->mass)
    return MGG_ERR_NULL_ARGUMENT;
  *out = NULL;
  const int nt = t->n_types;
  if (nt < 1 || t->nrho < MIN_KNOTS || t->nr < MIN_KNOTS || !(t->drho > 0.0) || !(t->dr > 0.0) ||
      !(t->cut > 0.0) || t->n_frho < 1 || t->n_rhor < 1 || t->n_z2r < 1)
    return MGG_ERR_BAD_ARGUMENT;
  for (int a = 0; a < nt; a++) {
    if (t->frho_of_type[a] < 0 || t->frho_of_type[a] >= t->n_frho) return MGG_ERR_BAD_ARGUMENT;
    for (int b = 0; b < nt; b++) {
      const int r = t->rhor_of_types[a * nt + b], z = t->z2r_of_types[a * nt + b];
      if (r < 0 || r >= t->n_rhor || z < 0 || z >= t->n_z2r) return MGG_ERR_BAD_ARGUMENT;
    }
  }
  const grid_header g = {t->nrho, t->nr, t->drho, t->dr, t->cut};
  mgg_eam *eam = allocate(nt, &g, t->nrho, t->nr, (size_t) t->n_frho,
                          (size_t) t->n_rhor + (size_t) t->n_z2r);
  if (!eam) return MGG_ERR_NO_MEMORY;
  const size_t nrho = (size_t) t->nrho, nr = (size_t) t->nr, ntz = (size_t) nt;
  eam->rdrho = 1.0 / t->drho;
  eam->rdr = 1.0 / t->dr;
  eam->rhomax = t->rhomax;
  double *frho = eam->data + ntz, *rhor = frho + NCOEF * (size_t) t->n_frho * nrho;
  double *z2r = rhor + NCOEF * (size_t) t->n_rhor * nr;
  for (int q = 0; q < t->n_frho; q++)
    build_spline(t->nrho, t->drho, t->frho[q], frho + NCOEF * (size_t) q * nrho);
  for (int q = 0; q < t->n_rhor; q++)
    build_spline(t->nr, t->dr, t->rhor[q], rhor + NCOEF * (size_t) q * nr);
  for (int q = 0; q < t->n_z2r; q++)
    build_spline(t->nr, t->dr, t->z2r[q], z2r + NCOEF * (size_t) q * nr);
  for (size_t a = 0; a < ntz; a++) {
    eam->data[a] = t->mass[a];
    eam->offsets[a] = ntz + NCOEF * (size_t) t->frho_of_type[a] * nrho;
    for (size_t b = 0; b < ntz; b++) {
      eam->offsets[ntz + a * ntz + b] =
          (size_t) (rhor - eam->data) + NCOEF * (size_t) t->rhor_of_types[a * ntz + b] * nr;
      eam->offsets[ntz + ntz * ntz + a * ntz + b] =
          (size_t) (z2r - eam->data) + NCOEF * (size_t) t->z2r_of_types[a * ntz + b] * nr;
    }
  }
  *out = eam;
  return MGG_OK;
}

/* ----------------------------------------------------------------- accessors */

double mgg_eam_cutoff(const mgg_eam *eam)
{
  return eam ? eam->cut : 0.0;
}

int mgg_eam_n_types(const mgg_eam *eam)
{
  return eam ? eam->n_types : 0;
}

mgg_status mgg_eam_mass(const mgg_eam *eam, int type, double *mass)
{
  if (!eam || !mass) return MGG_ERR_NULL_ARGUMENT;
  if (type < 0 || type >= eam->n_types) return MGG_ERR_BAD_ARGUMENT;
  *mass = eam->mass[type];
  return MGG_OK;
}

/* ---------------------------------------------------------------- evaluation */

/* LAMMPS's lookup of distance r: the coefficient row of its segment (0-based) and the offset p
 * in it, clamped to the last knot beyond the table; *flat when clamped (value constant). */
static inline size_t r_segment(const mgg_eam *eam, double r, double *p, int *flat)
{
  double q = r * eam->rdr + 1.0;
  const int m = q < eam->nr - 1 ? (int) q : eam->nr - 1;
  q -= m;
  *flat = q > 1.0;
  *p = *flat ? 1.0 : q;
  return NCOEF * (size_t) (m - 1);
}

static inline double spline_value(const double *c, double p)
{
  return ((c[3] * p + c[4]) * p + c[5]) * p + c[6];
}

static inline double spline_slope(const double *c, double p)
{
  return (c[0] * p + c[1]) * p + c[2];
}

/* d(slope)/dx: zero where the lookup is clamped */
static inline double spline_curvature(const double *c, double p, int flat, double rdelta)
{
  return flat ? 0.0 : (2.0 * c[0] * p + c[1]) * rdelta;
}

/* F(rho) of type a with F' and F'' (fpp may be NULL); beyond rhomax F continues linearly */
static inline double embedding(const mgg_eam *eam, int a, double rho, double *fp, double *fpp)
{
  double q = rho * eam->rdrho + 1.0;
  const int m = q < 2.0 ? 1 : q < eam->nrho - 1 ? (int) q : eam->nrho - 1;
  q -= m;
  const int flat = q > 1.0;
  const double p = flat ? 1.0 : q;
  const double *c = eam->data + eam->frho_of[a] + NCOEF * (size_t) (m - 1);
  *fp = spline_slope(c, p);
  if (fpp) *fpp = spline_curvature(c, p, flat, eam->rdrho);
  double phi = spline_value(c, p);
  if (rho > eam->rhomax) phi += *fp * (rho - eam->rhomax);
  return phi;
}

/* the list of atom k */
static mgg_status check_list(const mgg_eam_system *sys, size_t k)
{
  const mgg_neighbours *nb = sys->nb;
  const int i = nb->centre[k];
  if (i < 0 || (size_t) i >= sys->n_points) return MGG_ERR_BAD_INDEX;
  if ((size_t) sys->owner[i] != k) return MGG_ERR_BAD_ARGUMENT;
  if (nb->start[k + 1] < nb->start[k]) return MGG_ERR_BAD_ARGUMENT;
  for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++)
    if (nb->index[c] < 0 || (size_t) nb->index[c] >= sys->n_points || nb->index[c] == i)
      return MGG_ERR_BAD_INDEX;
  return MGG_OK;
}

/* the system's arrays, and the lists of its atoms 0 .. n_listed-1 */
static mgg_status check_system_lists(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_listed)
{
  if (!eam || !sys || !sys->nb) return MGG_ERR_NULL_ARGUMENT;
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres;
  if (n > 0 && (!nb->centre || !nb->start || !nb->index)) return MGG_ERR_NULL_ARGUMENT;
  if (sys->n_points > 0 && (!sys->x || !sys->type || !sys->owner)) return MGG_ERR_NULL_ARGUMENT;
  /* atoms are ints and the pattern packs an atom and a flag into one int */
  if (n > sys->n_points || n > INT_MAX / 2) return MGG_ERR_BAD_ARGUMENT;
  for (size_t q = 0; q < sys->n_points; q++) {
    if (sys->type[q] < 0 || sys->type[q] >= eam->n_types) return MGG_ERR_BAD_ARGUMENT;
    if (sys->owner[q] < 0 || (size_t) sys->owner[q] >= n) return MGG_ERR_BAD_INDEX;
  }
  if (n_listed > n) return MGG_ERR_BAD_ARGUMENT;
  for (size_t k = 0; k < n_listed; k++) {
    const mgg_status st = check_list(sys, k);
    if (st != MGG_OK) return st;
  }
  return MGG_OK;
}

/* x_i - x_j into d; returns its squared length */
static inline double separation(const double *x, int i, int j, double d[3])
{
  d[0] = x[3 * i] - x[3 * j];
  d[1] = x[3 * i + 1] - x[3 * j + 1];
  d[2] = x[3 * i + 2] - x[3 * j + 2];
  return d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
}

/* The pair of a type-ti atom and a type-tj point at distance r < cutoff whose embedding slopes
 * are fpi and fpj: its pair energy phi, and the force on the atom over its separation d from the
 * point (force = returned value times d). */
static inline double pair_force(const mgg_eam *eam, int ti, int tj, double r, double fpi, double fpj,
                                double *phi)
{
  const size_t nt = (size_t) eam->n_types;
  double p;
  int flat;
  const size_t row = r_segment(eam, r, &p, &flat);
  /* slopes of the density the point receives from the atom and of the density the atom
   * receives from the point */
  const double rhoip = spline_slope(eam->data + eam->rho_at_from[tj * nt + ti] + row, p);
  const double rhojp = spline_slope(eam->data + eam->rho_at_from[ti * nt + tj] + row, p);
  const double *cz = eam->data + eam->z2r_of[ti * nt + tj] + row;
  const double z2p = spline_slope(cz, p), z2 = spline_value(cz, p);
  const double recip = 1.0 / r;
  *phi = z2 * recip;
  const double phip = z2p * recip - *phi * recip;
  return -(fpi * rhojp + fpj * rhoip + phip) * recip;
}

static mgg_status check_system(const mgg_eam *eam, const mgg_eam_system *sys)
{
  return check_system_lists(eam, sys, sys && sys->nb ? sys->nb->n_centres : 0);
}

/* rho[k]: the density at atom k from the points of atoms n_moving and above (n_moving 0: all);
 * zero for the atoms below n_moving */
static void densities(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving, double *rho)
{
  const mgg_neighbours *nb = sys->nb;
  const double *x = sys->x;
  const size_t nt = (size_t) eam->n_types;
  for (size_t k = 0; k < nb->n_centres; k++) {
    const int i = nb->centre[k];
    const size_t *from = eam->rho_at_from + (size_t) sys->type[i] * nt;
    double sum = 0.0;
    for (size_t c = nb->start[k]; k >= n_moving && c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      if ((size_t) sys->owner[j] < n_moving) continue;
      double d[3];
      const double rsq = separation(x, i, j, d);
      if (rsq < eam->cutsq) {
        double p;
        int flat;
        const size_t row = r_segment(eam, sqrt(rsq), &p, &flat);
        sum += spline_value(eam->data + from[sys->type[j]] + row, p);
      }
    }
    rho[k] = sum;
  }
}

size_t mgg_eam_energy_forces_work_size(size_t n_atoms)
{
  return 2 * n_atoms * sizeof(double);
}

mgg_status mgg_eam_energy_forces(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                 size_t work_len, double *energy, double *force)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres;
  if (n > 0 && !work) return MGG_ERR_NULL_ARGUMENT;
  if (work_len < mgg_eam_energy_forces_work_size(n)) return MGG_ERR_BUFFER_TOO_SMALL;
  double *rho = work, *fp = rho + n;
  densities(eam, sys, 0, rho);
  for (size_t k = 0; k < n; k++) {
    const double f = embedding(eam, sys->type[nb->centre[k]], rho[k], &fp[k], NULL);
    if (energy) energy[k] = f;
  }
  const double *x = sys->x;
  for (size_t k = 0; k < n; k++) {
    const int i = nb->centre[k], ti = sys->type[i];
    double fx = 0.0, fy = 0.0, fz = 0.0, e = 0.0;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      double d[3], phi;
      const double rsq = separation(x, i, j, d);
      if (!(rsq < eam->cutsq)) continue;
      const double fpair = pair_force(eam, ti, sys->type[j], sqrt(rsq), fp[k], fp[sys->owner[j]], &phi);
      fx += d[0] * fpair;
      fy += d[1] * fpair;
      fz += d[2] * fpair;
      e += 0.5 * phi;
    }
    if (energy) energy[k] += e;
    if (force) {
      force[3 * k] = fx;
      force[3 * k + 1] = fy;
      force[3 * k + 2] = fz;
    }
  }
  return MGG_OK;
}

/* ------------------------------------------------- evaluations when few atoms move */

mgg_status mgg_eam_fixed_densities(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                   double *rho_fixed)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  const mgg_neighbours *nb = sys->nb;
  if (n_moving > nb->n_centres) return MGG_ERR_BAD_ARGUMENT;
  if (nb->n_centres > 0 && !rho_fixed) return MGG_ERR_NULL_ARGUMENT;
  densities(eam, sys, n_moving, rho_fixed);
  return MGG_OK;
}

/* rho[k]: the density at atom k, rho_fixed[k] (mgg_eam_fixed_densities()) plus the moving atoms'
 * terms, each pair with a moving atom once: from the side of the moving atom of lower index (the
 * other side's list holds the same pair at the same distance), an atom's own images from its own
 * list, each once.  near (n, or NULL): 1 for the moving atoms and the atoms within the cutoff of
 * one, 0 for the others. */
static void moving_densities(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                             const double *rho_fixed, double *rho, unsigned char *near)
{
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres, nt = (size_t) eam->n_types;
  const double *x = sys->x;
  for (size_t k = 0; k < n; k++) rho[k] = k < n_moving ? 0.0 : rho_fixed[k];
  if (near)
    for (size_t k = 0; k < n; k++) near[k] = k < n_moving;
  for (size_t k = 0; k < n_moving; k++) {
    const int i = nb->centre[k], ti = sys->type[i];
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c], tj = sys->type[j];
      const size_t o = (size_t) sys->owner[j];
      if (o < k) continue;
      double d[3];
      const double rsq = separation(x, i, j, d);
      if (!(rsq < eam->cutsq)) continue;
      double p;
      int flat;
      const size_t row = r_segment(eam, sqrt(rsq), &p, &flat);
      rho[k] += spline_value(eam->data + eam->rho_at_from[ti * nt + tj] + row, p);
      if (o != k) rho[o] += spline_value(eam->data + eam->rho_at_from[tj * nt + ti] + row, p);
      if (near) near[o] = 1;
    }
  }
}

mgg_status mgg_eam_energy_forces_moving(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                        size_t n_counted, const double *rho_fixed, void *work,
                                        size_t work_len, double *energy, double *force)
{
  /* only the moving atoms' lists are read: checking every list would cost what this saves */
  mgg_status st = check_system_lists(eam, sys, n_moving);
  if (st != MGG_OK) return st;
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres;
  if (n_counted > n) return MGG_ERR_BAD_ARGUMENT;
  if (n > 0 && (!work || !rho_fixed)) return MGG_ERR_NULL_ARGUMENT;
  if (work_len < mgg_eam_energy_forces_work_size(n)) return MGG_ERR_BUFFER_TOO_SMALL;
  double *rho = work, *fp = rho + n;
  const double *x = sys->x;
  moving_densities(eam, sys, n_moving, rho_fixed, rho, NULL);
  double e = 0.0;
  for (size_t k = 0; k < n; k++) {
    const double f = embedding(eam, sys->type[nb->centre[k]], rho[k], &fp[k], NULL);
    if (k < n_counted) e += f;
  }
  if (force)
    for (size_t q = 0; q < 3 * n_moving; q++) force[q] = 0.0;
  for (size_t k = 0; k < n_moving; k++) {
    const int i = nb->centre[k], ti = sys->type[i];
    double fx = 0.0, fy = 0.0, fz = 0.0;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      const size_t o = (size_t) sys->owner[j];
      if (o < k) continue;
      double d[3], phi;
      const double rsq = separation(x, i, j, d);
      if (!(rsq < eam->cutsq)) continue;
      const double fpair = pair_force(eam, ti, sys->type[j], sqrt(rsq), fp[k], fp[o], &phi);
      fx += d[0] * fpair;
      fy += d[1] * fpair;
      fz += d[2] * fpair;
      if (force && o < n_moving)
        for (int a = 0; a < 3; a++) force[3 * o + a] -= d[a] * fpair;
      /* an atom's own image is met twice (at +d and -d) */
      e += o == k ? 0.5 * phi : phi;
    }
    if (force) {
      force[3 * k] += fx;
      force[3 * k + 1] += fy;
      force[3 * k + 2] += fz;
    }
  }
  if (energy) *energy = e;
  return MGG_OK;
}

/* ------------------------------------------------------------------- Hessian */

/* candidate flags of the pattern */
enum { BEYOND = 0, PAIR = 1, DENSITY = 2 /* a pair neighbour whose density slope at the centre
                                           * is not zero: it enters grad rho of the centre */ };

/* density at centre i (type ti) from neighbour j (type tj) at distance r: slope and curvature */
static inline void density_terms(const mgg_eam *eam, int ti, int tj, double r, double *d1,
                                 double *d2)
{
  double p;
  int flat;
  const size_t row = r_segment(eam, r, &p, &flat);
  const double *c = eam->data + eam->rho_at_from[(size_t) ti * (size_t) eam->n_types + (size_t) tj] + row;
  *d1 = spline_slope(c, p);
  *d2 = spline_curvature(c, p, flat, eam->rdr);
}

static size_t pattern_bytes(size_t n_atoms, size_t n_cand)
{
  return (n_atoms + 1) * sizeof(size_t) + (n_cand + n_atoms) * sizeof(int) + n_cand;
}

size_t mgg_eam_hessian_pattern_work_size(const mgg_eam_system *sys)
{
  if (!sys || !sys->nb) return 0;
  const size_t n = sys->nb->n_centres;
  return pattern_bytes(n, n > 0 && sys->nb->start ? sys->nb->start[n] : 0);
}

static int compare_int(const void *a, const void *b)
{
  const int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

mgg_status mgg_eam_hessian_pattern(const mgg_eam *eam, const mgg_eam_system *sys,
                                   void *work, size_t work_len, size_t *row_start,
                                   int *col, size_t col_cap, size_t *n_blocks)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  if (!row_start || !n_blocks || !work || (col_cap > 0 && !col)) return MGG_ERR_NULL_ARGUMENT;
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres, n_cand = n > 0 ? nb->start[n] : 0;
  if (work_len < pattern_bytes(n, n_cand)) return MGG_ERR_BUFFER_TOO_SMALL;
  /* first/entry: for each atom o, the centres k listing a copy of o, as 2 k + (flag == DENSITY) */
  size_t *first = work;
  int *entry = (int *) (first + n + 1), *mark = entry + n_cand;
  unsigned char *flag = (unsigned char *) (mark + n);
  const double *x = sys->x;
  for (size_t o = 0; o <= n; o++) first[o] = 0;
  for (size_t k = 0; k < n; k++) {
    const int i = nb->centre[k];
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c];
      const double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1],
                   dz = x[3 * i + 2] - x[3 * j + 2];
      const double rsq = dx * dx + dy * dy + dz * dz;
      flag[c] = BEYOND;
      if (!(rsq < eam->cutsq)) continue;
      double d1, d2;
      density_terms(eam, sys->type[i], sys->type[j], sqrt(rsq), &d1, &d2);
      flag[c] = d1 != 0.0 ? DENSITY : PAIR;
      first[sys->owner[j] + 1]++;
    }
  }
  for (size_t o = 0; o < n; o++) first[o + 1] += first[o];
  for (size_t k = 0; k < n; k++)
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++)
      if (flag[c] != BEYOND) entry[first[sys->owner[nb->index[c]]]++] = 2 * (int) k + (flag[c] == DENSITY);
  for (size_t o = n; o > 0; o--) first[o] = first[o - 1]; /* undo the fill's increments */
  first[0] = 0;

  /* row i: i, its pair neighbours (whose density group includes its own), the centres listing
   * i, and the density group of each centre i gives density to */
  for (size_t o = 0; o < n; o++) mark[o] = -1;
  size_t m = 0;
#define ADD(atom)                              \
  do {                                         \
    const int a_ = (atom);                     \
    if (mark[a_] != (int) i) {                 \
      mark[a_] = (int) i;                      \
      if (m < col_cap) col[m] = a_;            \
      m++;                                     \
    }                                          \
  } while (0)
  for (size_t i = 0; i < n; i++) {
    row_start[i] = m;
    ADD((int) i);
    for (size_t c = nb->start[i]; c < nb->start[i + 1]; c++)
      if (flag[c] != BEYOND) ADD(sys->owner[nb->index[c]]);
    for (size_t e = first[i]; e < first[i + 1]; e++) {
      const size_t k = (size_t) (entry[e] >> 1);
      ADD((int) k);
      if (entry[e] & 1)
        for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++)
          if (flag[c] == DENSITY) ADD(sys->owner[nb->index[c]]);
    }
    if (m <= col_cap) qsort(col + row_start[i], m - row_start[i], sizeof(int), compare_int);
  }
#undef ADD
  row_start[n] = m;
  *n_blocks = m;
  return m > col_cap ? MGG_ERR_BUFFER_TOO_SMALL : MGG_OK;
}

/* rho, F', F'' per atom and the density gradient of one centre (3 doubles per member, the
 * centre included), then the members' atoms and the members in atom order */
static size_t hessian_bytes(size_t n_atoms, size_t most)
{
  return (3 * n_atoms + 3 * (most + 1)) * sizeof(double) + 2 * (most + 1) * sizeof(int);
}

size_t mgg_eam_hessian_work_size(const mgg_eam_system *sys)
{
  if (!sys || !sys->nb || (sys->nb->n_centres > 0 && !sys->nb->start)) return 0;
  return hessian_bytes(sys->nb->n_centres, mgg_neighbours_max_count(sys->nb));
}

/* the block (i, j) of the pattern, NULL when the pattern lacks it */
static double *find_block(const size_t *row_start, const int *col, double *values, int i, int j)
{
  size_t lo = row_start[i], hi = row_start[i + 1];
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (col[mid] < j) lo = mid + 1;
    else hi = mid;
  }
  return lo < row_start[i + 1] && col[lo] == j ? values + 9 * lo : NULL;
}

static mgg_status check_pattern(size_t n, const size_t *row_start, const int *col, size_t n_blocks)
{
  if (row_start[0] != 0 || row_start[n] != n_blocks) return MGG_ERR_BAD_ARGUMENT;
  for (size_t i = 0; i < n; i++) {
    if (row_start[i + 1] < row_start[i]) return MGG_ERR_BAD_ARGUMENT;
    for (size_t b = row_start[i]; b < row_start[i + 1]; b++)
      if (col[b] < 0 || (size_t) col[b] >= n || (b > row_start[i] && col[b] <= col[b - 1]))
        return MGG_ERR_BAD_ARGUMENT;
  }
  return MGG_OK;
}

/* blocks (i, i) and (j, j) += s K, (i, j) and (j, i) -= s K */
static int add_pair(const size_t *row_start, const int *col, double *values, int i, int j,
                    const double K[9])
{
  double *ij = find_block(row_start, col, values, i, j);
  double *ji = find_block(row_start, col, values, j, i);
  double *jj = find_block(row_start, col, values, j, j);
  if (!ij || !ji || !jj) return 0;
  for (int q = 0; q < 9; q++) {
    ij[q] -= K[q];
    ji[q] -= K[q];
    jj[q] += K[q];
  }
  return 1;
}

/* grad rho of a centre (entry 0, its own) gains the entry of atom o, d1 u */
static inline void add_member(int *member, double *grad, size_t *nm, int o, double d1,
                              const double u[3], int keep)
{
  for (int a = 0; a < 3; a++) grad[a] -= d1 * u[a];
  if (!keep) return;
  member[*nm] = o;
  for (int a = 0; a < 3; a++) grad[3 * *nm + a] = d1 * u[a];
  (*nm)++;
}

/* The share of centre i (its embedding fp = F'(rho_i)) in its pair with point j: half of phi
 * and i's embedding of j's density, a radial function g(r) with Hessian g'' u u^T + g'/r (I - u
 * u^T); r, u (unit, from i to j), the density slope d1 at i, g1 = g', g2 = g''.  0 beyond the
 * cutoff. */
static inline int centre_share(const mgg_eam *eam, const mgg_eam_system *sys, int i, int j,
                               double fp, double *r, double u[3], double *d1, double *g1, double *g2)
{
  const double *x = sys->x;
  const int ti = sys->type[i], tj = sys->type[j];
  const double d[3] = {x[3 * j] - x[3 * i], x[3 * j + 1] - x[3 * i + 1], x[3 * j + 2] - x[3 * i + 2]};
  const double rsq = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  if (!(rsq < eam->cutsq)) return 0;
  *r = sqrt(rsq);
  for (int a = 0; a < 3; a++) u[a] = d[a] / *r;
  double p, d2;
  int flat;
  const size_t row = r_segment(eam, *r, &p, &flat);
  const double *cz = eam->data + eam->z2r_of[(size_t) ti * (size_t) eam->n_types + (size_t) tj] + row;
  const double z2 = spline_value(cz, p), z2p = spline_slope(cz, p);
  const double z2pp = spline_curvature(cz, p, flat, eam->rdr);
  const double phi = z2 / *r, phip = (z2p - phi) / *r, phipp = (z2pp - 2.0 * phip) / *r;
  density_terms(eam, ti, tj, *r, d1, &d2);
  *g1 = 0.5 * phip + fp * *d1;
  *g2 = 0.5 * phipp + fp * d2;
  return 1;
}

mgg_status mgg_eam_hessian(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                           size_t work_len, const size_t *row_start, const int *col,
                           size_t n_blocks, double *values)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  if (!row_start || !work || (n_blocks > 0 && (!col || !values))) return MGG_ERR_NULL_ARGUMENT;
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres;
  const size_t most = mgg_neighbours_max_count(nb);
  if (work_len < hessian_bytes(n, most)) return MGG_ERR_BUFFER_TOO_SMALL;
  st = check_pattern(n, row_start, col, n_blocks);
  if (st != MGG_OK) return st;

  double *rho = work, *fp = rho + n, *fpp = fp + n, *grad = fpp + n;
  int *member = (int *) (grad + 3 * (most + 1)), *order = member + most + 1;
  densities(eam, sys, 0, rho);
  for (size_t k = 0; k < n; k++) embedding(eam, sys->type[nb->centre[k]], rho[k], &fp[k], &fpp[k]);
  memset(values, 0, 9 * n_blocks * sizeof(double));

  for (size_t k = 0; k < n; k++) {
    const int i = nb->centre[k], ki = (int) k;
    double *kk = find_block(row_start, col, values, ki, ki);
    if (!kk) return MGG_ERR_BAD_ARGUMENT;
    /* grad rho_k: the centre's own entry first, the members' after it */
    size_t nm = 1;
    member[0] = ki;
    grad[0] = grad[1] = grad[2] = 0.0;
    for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
      const int j = nb->index[c], o = sys->owner[j];
      double r, u[3], d1, g1, g2;
      if (!centre_share(eam, sys, i, j, fp[k], &r, u, &d1, &g1, &g2)) continue;
      double K[9];
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
          K[3 * a + b] = (g2 - g1 / r) * u[a] * u[b] + (a == b ? g1 / r : 0.0);
      if (!add_pair(row_start, col, values, ki, o, K)) return MGG_ERR_BAD_ARGUMENT;
      for (int q = 0; q < 9; q++) kk[q] += K[q];
      if (d1 != 0.0) add_member(member, grad, &nm, o, d1, u, 1);
    }
    if (fpp[k] == 0.0) continue;
    /* F''(rho_k) grad rho_k grad rho_k^T couples every pair of members: with the members in
     * atom order, each member's row is walked once instead of searched for every block */
    for (size_t s = 0; s < nm; s++) {
      size_t t = s;
      for (; t > 0 && member[order[t - 1]] > member[s]; t--) order[t] = order[t - 1];
      order[t] = (int) s;
    }
    for (size_t s = 0; s < nm; s++) {
      const int os = member[s];
      const double gs[3] = {fpp[k] * grad[3 * s], fpp[k] * grad[3 * s + 1], fpp[k] * grad[3 * s + 2]};
      size_t b = row_start[os];
      for (size_t q = 0; q < nm; q++) {
        const int t = order[q];
        while (b < row_start[os + 1] && col[b] < member[t]) b++;
        if (b == row_start[os + 1] || col[b] != member[t]) return MGG_ERR_BAD_ARGUMENT;
        const double *gt = grad + 3 * t;
        double *v = values + 9 * b;
        for (int a = 0; a < 3; a++)
          for (int c = 0; c < 3; c++) v[3 * a + c] += gs[a] * gt[c];
      }
    }
  }
  return MGG_OK;
}

/* The plan of mgg_eam_hessian_plan(): a header, then per centre the end of its pairs and of its
 * density-gradient members, the pairs' partners, unit vectors and radial coefficients, the
 * members and their gradients, and F''(rho) of each centre. */
typedef struct {
  size_t n, pairs, members, moving; /* moving: the rows of H v the plan gives (n: all) */
} plan_header;

typedef struct {
  size_t *pair_end, *member_end;
  int *pair_atom, *member_atom;
  double *pair_u, *pair_radial, *pair_transverse, *member_grad, *fpp;
} plan_arrays;

static size_t plan_bytes(size_t n, size_t pairs, size_t members)
{
  return sizeof(plan_header) + 2 * n * sizeof(size_t) + (pairs + members) * sizeof(int) +
         (5 * pairs + 3 * members + n + 1) * sizeof(double);
}

/* the arrays of a plan of this size (the doubles aligned after the integers) */
static plan_arrays plan_layout(void *plan, size_t n, size_t pairs, size_t members)
{
  plan_arrays a;
  char *c = (char *) plan + sizeof(plan_header);
  a.pair_end = (size_t *) c;
  a.member_end = a.pair_end + n;
  a.pair_atom = (int *) (a.member_end + n);
  a.member_atom = a.pair_atom + pairs;
  const size_t ints = (size_t) ((char *) (a.member_atom + members) - (char *) plan);
  double *d = (double *) ((char *) plan + (ints + sizeof(double) - 1) / sizeof(double) * sizeof(double));
  a.pair_u = d;
  a.pair_radial = a.pair_u + 3 * pairs;
  a.pair_transverse = a.pair_radial + pairs;
  a.member_grad = a.pair_transverse + pairs;
  a.fpp = a.member_grad + 3 * members;
  return a;
}

size_t mgg_eam_hessian_plan_size(const mgg_eam_system *sys)
{
  if (!sys || !sys->nb || (sys->nb->n_centres > 0 && !sys->nb->start)) return 0;
  const size_t n = sys->nb->n_centres, candidates = n ? sys->nb->start[n] : 0;
  return plan_bytes(n, candidates, candidates + n);
}

/* The plan's terms, on densities rho: every centre's with n_moving = n; otherwise those the
 * moving atoms' rows of H v need for v zero beyond them (near[k]: within the cutoff of a moving
 * atom): a moving centre's pairs, a near centre's pairs with a moving atom, and the gradients of
 * the densities that a moving atom enters, its own (all its neighbours') and the moving ones'. */
static void plan_terms(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving, const double *rho,
                       const unsigned char *near, double *grad, int *member, const plan_arrays *a)
{
  const mgg_neighbours *nb = sys->nb;
  const size_t n = nb->n_centres;
  size_t np = 0, nm_all = 0;
  for (size_t k = 0; k < n; k++) {
    const int i = nb->centre[k], moving = k < n_moving;
    a->fpp[k] = 0.0;
    if (moving || (near && near[k])) {
      double fp;
      embedding(eam, sys->type[i], rho[k], &fp, &a->fpp[k]);
      size_t nm = 1;
      member[0] = (int) k;
      grad[0] = grad[1] = grad[2] = 0.0;
      for (size_t c = nb->start[k]; c < nb->start[k + 1]; c++) {
        const int j = nb->index[c], o = sys->owner[j];
        if (!moving && (size_t) o >= n_moving) continue;
        double r, u[3], d1, g1, g2;
        if (!centre_share(eam, sys, i, j, fp, &r, u, &d1, &g1, &g2)) continue;
        /* K = g'' u u^T + g'/r (I - u u^T) = (g'' - g'/r) u u^T + g'/r I */
        a->pair_atom[np] = o;
        for (int b = 0; b < 3; b++) a->pair_u[3 * np + b] = u[b];
        a->pair_radial[np] = g2 - g1 / r;
        a->pair_transverse[np] = g1 / r;
        np++;
        if (d1 != 0.0 && a->fpp[k] != 0.0) add_member(member, grad, &nm, o, d1, u, (size_t) o < n_moving);
      }
      if (a->fpp[k] != 0.0) {
        /* a centre that stays put: its own gradient lacks the terms of the points that stay put,
         * and its row is not wanted */
        const size_t first = moving ? 0 : 1;
        memcpy(a->member_atom + nm_all, member + first, (nm - first) * sizeof(int));
        memcpy(a->member_grad + 3 * nm_all, grad + 3 * first, 3 * (nm - first) * sizeof(double));
        nm_all += nm - first;
      }
    }
    a->pair_end[k] = np;
    a->member_end[k] = nm_all;
  }
}

static mgg_status plan_sizes(const mgg_eam_system *sys, size_t work_len, size_t plan_len)
{
  const size_t most = mgg_neighbours_max_count(sys->nb);
  if (work_len < hessian_bytes(sys->nb->n_centres, most) || plan_len < mgg_eam_hessian_plan_size(sys))
    return MGG_ERR_BUFFER_TOO_SMALL;
  return MGG_OK;
}

mgg_status mgg_eam_hessian_plan(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                size_t work_len, void *plan, size_t plan_len)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  if (!work || !plan) return MGG_ERR_NULL_ARGUMENT;
  if ((st = plan_sizes(sys, work_len, plan_len)) != MGG_OK) return st;
  const size_t n = sys->nb->n_centres, capacity = n ? sys->nb->start[n] : 0;
  const plan_arrays a = plan_layout(plan, n, capacity, capacity + n);
  /* work: rho, then the gradients and members of one centre */
  double *rho = work, *grad = rho + 2 * n;
  int *member = (int *) (grad + 3 * (mgg_neighbours_max_count(sys->nb) + 1));
  densities(eam, sys, 0, rho);
  plan_terms(eam, sys, n, rho, NULL, grad, member, &a);
  const plan_header h = {n, capacity, capacity + n, n};
  memcpy(plan, &h, sizeof h);
  return MGG_OK;
}

mgg_status mgg_eam_hessian_plan_moving(const mgg_eam *eam, const mgg_eam_system *sys, size_t n_moving,
                                       const double *rho_fixed, void *work, size_t work_len, void *plan,
                                       size_t plan_len)
{
  /* the moving atoms' lists are checked here, the near atoms' where they are read */
  mgg_status st = check_system_lists(eam, sys, n_moving);
  if (st != MGG_OK) return st;
  const size_t n = sys->nb->n_centres;
  if (n > 0 && (!work || !plan || !rho_fixed)) return MGG_ERR_NULL_ARGUMENT;
  if ((st = plan_sizes(sys, work_len, plan_len)) != MGG_OK) return st;
  const size_t capacity = n ? sys->nb->start[n] : 0;
  const plan_arrays a = plan_layout(plan, n, capacity, capacity + n);
  /* work: rho, the near flags in the next n doubles' bytes, then one centre's gradients */
  double *rho = work, *grad = rho + 2 * n;
  unsigned char *near = (unsigned char *) (rho + n);
  int *member = (int *) (grad + 3 * (mgg_neighbours_max_count(sys->nb) + 1));
  moving_densities(eam, sys, n_moving, rho_fixed, rho, near);
  for (size_t k = n_moving; k < n; k++)
    if (near[k] && (st = check_list(sys, k)) != MGG_OK) return st;
  plan_terms(eam, sys, n_moving, rho, near, grad, member, &a);
  const plan_header h = {n, capacity, capacity + n, n_moving};
  memcpy(plan, &h, sizeof h);
  return MGG_OK;
}

mgg_status mgg_eam_hessian_plan_apply(const void *plan, const double *v, double *hv)
{
  if (!plan || !v || !hv) return MGG_ERR_NULL_ARGUMENT;
  plan_header h;
  memcpy(&h, plan, sizeof h);
  const plan_arrays a = plan_layout((void *) plan, h.n, h.pairs, h.members);
  memset(hv, 0, 3 * h.n * sizeof(double));
  /* the terms of mgg_eam_hessian() applied to v instead of added to blocks */
  size_t p = 0, m = 0;
  for (size_t k = 0; k < h.n; k++) {
    /* K (v_k - v_o) to k, its opposite to o */
    for (; p < a.pair_end[k]; p++) {
      const size_t o = (size_t) a.pair_atom[p];
      const double *u = a.pair_u + 3 * p;
      const double dv[3] = {v[3 * k] - v[3 * o], v[3 * k + 1] - v[3 * o + 1], v[3 * k + 2] - v[3 * o + 2]};
      const double udv = u[0] * dv[0] + u[1] * dv[1] + u[2] * dv[2];
      for (int b = 0; b < 3; b++) {
        const double kdv = a.pair_radial[p] * udv * u[b] + a.pair_transverse[p] * dv[b];
        hv[3 * k + b] += kdv;
        hv[3 * o + b] -= kdv;
      }
    }
    if (m == a.member_end[k]) continue;
    /* F''(rho_k) grad rho_k (grad rho_k . v) */
    const size_t first = m;
    double gv = 0.0;
    for (; m < a.member_end[k]; m++)
      for (int b = 0; b < 3; b++) gv += a.member_grad[3 * m + b] * v[3 * (size_t) a.member_atom[m] + b];
    for (size_t q = first; q < m; q++)
      for (int b = 0; b < 3; b++) hv[3 * (size_t) a.member_atom[q] + b] += a.fpp[k] * gv * a.member_grad[3 * q + b];
  }
  memset(hv + 3 * h.moving, 0, 3 * (h.n - h.moving) * sizeof(double));
  return MGG_OK;
}

size_t mgg_eam_hessian_vector_work_size(const mgg_eam_system *sys)
{
  const size_t plan = mgg_eam_hessian_plan_size(sys);
  return plan ? mgg_eam_hessian_work_size(sys) + sizeof(double) + plan : 0;
}

mgg_status mgg_eam_hessian_vector(const mgg_eam *eam, const mgg_eam_system *sys, void *work,
                                  size_t work_len, const double *v, double *hv)
{
  mgg_status st = check_system(eam, sys);
  if (st != MGG_OK) return st;
  if (!work || !v || !hv) return MGG_ERR_NULL_ARGUMENT;
  if (work_len < mgg_eam_hessian_vector_work_size(sys)) return MGG_ERR_BUFFER_TOO_SMALL;
  const size_t head = mgg_eam_hessian_work_size(sys);
  /* the plan after the plan's own work, at a double's alignment */
  const size_t offset = (head + sizeof(double) - 1) / sizeof(double) * sizeof(double);
  if (work_len < offset + mgg_eam_hessian_plan_size(sys)) return MGG_ERR_BUFFER_TOO_SMALL;
  char *plan = (char *) work + offset;
  st = mgg_eam_hessian_plan(eam, sys, work, head, plan, work_len - offset);
  if (st != MGG_OK) return st;
  return mgg_eam_hessian_plan_apply(plan, v, hv);
}
