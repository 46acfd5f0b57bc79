/* mgglass core: athermal quasi-static (AQS) shear (fix frozen_atom_aqs): the event rule of a
 * strain step, the per-event analysis, and the frozen-atom sweep's decisions (which atoms, when a
 * trial has settled in a minimum found before, D_f, the STZ core). */
#ifndef MGG_AQS_H
#define MGG_AQS_H

#include <stddef.h>

#include "mgg_cell.h"
#include "mgg_dmin2.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the event rule of one AQS step -----------------------------------------------------------
 * A step shears the cell by sign * strain_step (simple shear at constant volume V) and relaxes.
 * With tau = sign * sigma_ab the shear stress along the loading (sigma = -p), the step's stress
 * drop and the energy it dissipates are
 *   drop = tau_before - tau_after,
 *   work = (tau_before + tau_after) / 2 * V * strain_step / nktv2p,
 *   dissipated = energy_before + work - energy_after,
 * the work of the step by the trapezoid rule minus the energy gained: zero to second order in the
 * step for an elastic step (exactly zero for a linear stress-strain law).
 * The step is an event when drop > drop_threshold or dissipated > energy_threshold.  An event
 * that releases less stress than one step adds is seen by the energy it dissipates.
 * For information only, the shortfall against the elastic prediction (the stress rise of the last
 * event-free step, elastic_increment): shortfall = drop + elastic_increment.  It is not part of
 * the rule: the stress-strain curve softens before an instability, so the shortfall exceeds 1 MPa
 * at steps where nothing happens (on the shipped glasses, steps with a shortfall of 2-3 MPa whose
 * stress rose and whose largest non-affine D2min was 0.01-0.03 A^2). */
typedef struct {
  double stress_before, stress_after; /* sigma_ab = -p_ab before and after the step (pressure) */
  double energy_before, energy_after; /* relaxed energies (energy units) */
  double volume;                      /* > 0 (volume units) */
  double strain_step;                 /* > 0 */
  double sign;                        /* +1 or -1: the direction of the shear */
  double elastic_increment;           /* tau rise of the last event-free step (0 before any) */
} mgg_aqs_step;

typedef struct {
  double drop_threshold;   /* >= 0, pressure units */
  double energy_threshold; /* >= 0, energy units */
  double nktv2p;           /* pressure x volume per energy unit (LAMMPS's force->nktv2p), > 0 */
} mgg_aqs_event_rule;

typedef struct {
  int is_event;
  double drop, shortfall; /* pressure units */
  double work, dissipated; /* energy units */
  double elastic_increment; /* the next step's: -drop after an event-free step, else kept */
} mgg_aqs_step_outcome;

/* Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (a non-finite value, volume, step or
 * nktv2p not > 0, a negative threshold, sign not +-1). */
mgg_status mgg_aqs_event_test(const mgg_aqs_step *step, const mgg_aqs_event_rule *rule,
                              mgg_aqs_step_outcome *out);

/* The flip of a sheared box, as LAMMPS's fix deform flips it: box = {lx, ly, lz, xy, xz, yz}
 * (LAMMPS's cell, mgg_cell_from_lammps()); a tilt beyond half the length it tilts along
 * (yz: ly; xz, xy: lx) is brought back by adding the next cell vector, yz first (which also
 * moves xz by xy), then xz, then xy.  The flipped cell holds the same lattice.  flip receives the
 * multiples added to xy, xz, yz (-1, 0 or 1 each, the arguments of Domain::image_flip()).
 * Returns whether any flipped. */
int mgg_aqs_flip_box(double box[6], int flip[3]);

/* ---- the frozen-atom sweep (Shiihara et al. 2025) ---------------------------------------------
 * After an event, every candidate atom is frozen in turn at the affinely strained pre-step
 * state (the start) and all others relax; D_f is the norm of all displacements from the start.
 *
 * Candidates: the atoms (of a group) within radius of the event's centre, nearest first, equal
 * distances in index order; distances are minimum images in the cell (mgg_cell_minimum_image()).
 * in_group (n values, NULL: every atom) selects atoms; radius > 0, INFINITY for no limit.  order
 * has room for n indices; the first *n_candidates are set.  work: work_len bytes, at least
 * mgg_aqs_candidates_work_size(n).  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (radius
 * not > 0, a non-finite position), MGG_ERR_BUFFER_TOO_SMALL. */
size_t mgg_aqs_candidates_work_size(size_t n);
mgg_status mgg_aqs_candidates(const mgg_cell *cell, size_t n, const double *x, const int *in_group,
                              const double centre[3], double radius, void *work, size_t work_len,
                              size_t *order, size_t *n_candidates);

/* Settle: a trial that reaches a minimum found earlier in the sweep ends there.  Its
 * displacements d_i (from the start) equal that minimum's m_ik shifted rigidly so that the
 * frozen atom f stays put, r_i = d_i - (m_ik - m_fk), to settle_distance for every atom once the
 * common translation (the slowly relaxing drift of the others relative to the frozen atom) is
 * taken out: max_i |r_i - mean(r)| < settle_distance.  The energy is translation invariant, so
 * the trial then ends in that minimum and its D_f is that of the shifted minimum.
 *
 * The atoms may be split over processes, as for the minimisers: each process calls with its own
 * n atoms; the caller sums `sums` (3 per set) over processes and divides by the total number of
 * atoms (mean), then takes the maximum of worst2 (1 per set) over processes.
 * d: 3 n displacements; minima: m_ik at minima[i stride + 3k], k < n_sets, or NULL for r = d
 * (n_sets 1: the state's own deviation from the start); held: m_fk (3 n_sets; unused when
 * minima is NULL). */
void mgg_aqs_settle_sums(size_t n, size_t n_sets, const double *d, const double *minima,
                         size_t stride, const double *held, double *sums);
void mgg_aqs_settle_deviations(size_t n, size_t n_sets, const double *d, const double *minima,
                               size_t stride, const double *held, const double *mean,
                               double *worst2);
/* The first set whose largest deviation sqrt(worst2[k]) is below settle_distance; -1 if none. */
int mgg_aqs_settled_minimum(size_t n_sets, const double *worst2, double settle_distance);

/* A relaxed state is remembered as a minimum only when some atom deviates from the start by at
 * least MGG_AQS_SETTLE_DISTINCT settle distances (after the common drift): every trial starts
 * that close to such a state, so reaching it would say nothing, and a relaxation that ends so
 * near the start has usually stalled on the flat remains of the vanished pre-event minimum
 * (steepest descent meeting a loose force tolerance) rather than found a minimum. */
#define MGG_AQS_SETTLE_DISTINCT 3.0
int mgg_aqs_distinct_minimum(double worst2_start, double settle_distance);

/* This process's share of D_f^2 of a trial settled in minimum k: sum_i |m_ik - m_fk|^2 (held:
 * m_fk, 3 values); D_f is the square root of the sum over processes. */
double mgg_aqs_settled_df2(size_t n, const double *minima, size_t stride, size_t k,
                           const double held[3]);

/* Core flags from D_f: core[i] = 1 when 0 <= df[i] <= threshold and threshold > 0, 0 for other
 * analysed atoms (df >= 0), -1 for atoms not analysed (df < 0); *n_core counts the 1s.  The
 * threshold is the gap's (mgg_aqs_core_gap()) or a user's.  Errors: MGG_ERR_NULL_ARGUMENT,
 * MGG_ERR_BAD_ARGUMENT (NaN). */
mgg_status mgg_aqs_core_flags(size_t n, const double *df, double threshold, double *core,
                              size_t *n_core);

/* ---- the STZ core of an event ------------------------------------------------------------- */

/* D_f below this (A) counts as this value in the log histogram (a trial that did not move). */
#define MGG_AQS_DF_FLOOR 1e-6

/* The STZ core of an event from its frozen-atom D_f values (Shiihara et al. 2025): atoms whose
 * freezing suppresses the event have D_f far below the others, separated by a gap in the
 * histogram of log D_f.  The gap is the widest ratio between consecutive sorted values, the
 * reference D_f (nothing frozen) among them, whose lower value is below half the reference; it
 * counts when at least min_gap_decades wide. */
typedef struct {
  double threshold;  /* largest core D_f (A); 0 when there is no gap */
  double lower;      /* the gap's bounds: largest core D_f, smallest other D_f (0, 0: none) */
  double upper;
  size_t n_core;     /* atoms with D_f <= threshold */
} mgg_aqs_core_gap_info;

/* df (n values >= 0, A) is floored at MGG_AQS_DF_FLOOR and sorted in place.  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (negative or NaN D_f, reference or width <= 0). */
mgg_status mgg_aqs_core_gap(size_t n, double *df, double df_reference, double min_gap_decades,
                            mgg_aqs_core_gap_info *gap);

/* The STZ core of one sweep of n trials (df: their D_f, >= 0): the gap of mgg_aqs_core_gap() in
 * a sorted copy of df, and the core flags of mgg_aqs_core_flags() (core, n values; *n_core) at
 * the user's threshold when one is given (user_threshold > 0), else at the gap's; *threshold
 * gets the one used.  work: mgg_aqs_sweep_core_work_size(n) bytes.  Errors: those of the two,
 * MGG_ERR_BUFFER_TOO_SMALL. */
size_t mgg_aqs_sweep_core_work_size(size_t n);
mgg_status mgg_aqs_sweep_core(size_t n, const double *df, double df_reference,
                              double min_gap_decades, double user_threshold, void *work,
                              size_t work_len, double *core, mgg_aqs_core_gap_info *gap, double *threshold,
                              size_t *n_core);

/* ---- the expected cost of a sweep ---------------------------------------------------------- */

/* Force evaluations of one frozen-atom trial: the median of the first event of a 2,000-atom
 * Cu50Zr50 glass (CG to a force tolerance of 1e-8; 1,430-5,852 over its trials). */
#define MGG_AQS_TRIAL_EVALUATIONS 2000.0

typedef struct {
  double atoms;       /* atoms analysed per event */
  double trials;      /* trials per partition (the partitions share them out) */
  double evaluations; /* force evaluations per partition: trials x MGG_AQS_TRIAL_EVALUATIONS */
} mgg_aqs_sweep_cost;

/* The expected cost of sweeping an event: n_group atoms in the group, spread uniformly over the
 * cell's volume, those within radius of the event's centre analysed (INFINITY: all), shared out
 * over n_partitions.  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (n_group < 0, volume
 * or radius <= 0 or NaN, n_partitions < 1). */
mgg_status mgg_aqs_sweep_estimate(double n_group, double volume, double radius, int n_partitions,
                                  mgg_aqs_sweep_cost *cost);

/* ---- local configurational excitations (Shiihara et al. 2025, Methods; their ref. 3) --------
 * Bonds broken and formed between a configuration before a relaxation and one after, both in
 * the same cell.  Atoms i, j of types a, b are bonded when closer than rc[a][b].  The bond
 * vector before is the minimum image of x_before_j - x_before_i (mgg_cell_minimum_image()); the
 * vector after is that vector plus u_j - u_i, u_i the displacement of atom i (the minimum image
 * of x_after_i - x_before_i, taken about the mean displacement: a rigid drift of the whole
 * system, which relaxations with a frozen atom have, then never makes the images of two
 * neighbours differ by a lattice vector), so that a bond follows its atoms across periodic
 * boundaries whatever the cell's size and tilt.  With r_before, r_after their lengths and h the
 * hysteresis, the paper's rule taken literally:
 *   broken: r_before <  rc  and  r_after >= rc  and  r_after - r_before  > h;
 *   formed: r_before >= rc  and  r_after <  rc  and  r_before - r_after  > h.
 * Candidate pairs: the images within max(rc) + 2 max_i |u_i| of each atom in the configuration
 * before (mgg_neighbours_find_within_periodic()), which holds every pair bonded before or
 * after; each pair of atoms is evaluated once.  Minimum images are exact below half the cell's width
 * (mgg_cell_min_width()): for every bond before, and for every bond after unless an atom moved
 * by more than (width / 2 - rc) / 2 relative to the mean displacement. */

/* the defaults of Shiihara et al. 2025 for Cu-Zr (A): within the first shell of the partial g(r) */
#define MGG_AQS_LCE_CUTOFF_CUCU 3.05
#define MGG_AQS_LCE_CUTOFF_CUZR 3.75
#define MGG_AQS_LCE_CUTOFF_ZRZR 4.35
#define MGG_AQS_LCE_HYSTERESIS 0.075

typedef struct {
  int n_types;          /* >= 1 */
  const double *cutoff; /* [n_types n_types]: rc of types a, b (0-based) at a n_types + b;
                         * symmetric, each >= 0 (0: such pairs never bond), the largest > 0 */
  double hysteresis;    /* h >= 0 (A) */
} mgg_aqs_lce_params;

/* type: 0-based type of each of the n_atoms atoms.  broken, formed (n_atoms each) receive the
 * number of bonds of each atom broken and formed (a bond counts for both its atoms).
 * work, work_len, work_needed: the work_needed protocol (mgg_neighbours.h).  Errors:
 * MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (parameters, a type outside 0 .. n_types-1, a
 * non-finite position, twice the largest rc not below the cell's width),
 * MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_aqs_lce_bonds(const mgg_aqs_lce_params *params, const mgg_cell *cell, size_t n_atoms,
                             const int *type, const double *x_before, const double *x_after,
                             void *work, size_t work_len, size_t *work_needed, int *broken,
                             int *formed);

/* Von Mises equivalent stress of n symmetric tensors, 6 components each in LAMMPS's order
 * xx yy zz xy xz yz: sqrt(((sxx-syy)^2 + (syy-szz)^2 + (szz-sxx)^2) / 2 + 3 (sxy^2 + sxz^2 +
 * syz^2)), in the units given (sqrt(3) tau for pure shear tau, 0 for a hydrostatic stress; the
 * sign convention does not matter).  stress and von_mises may not overlap. */
mgg_status mgg_aqs_von_mises_stress(size_t n, const double *stress, double *von_mises);

/* ---- one AQS event: what fix frozen_atom_aqs reports per event ------------------------------
 * Three configurations of the same n_atoms atoms (3 doubles per atom, any periodic images):
 * before (relaxed, before the event's strain step; cell_before), start (before strained
 * affinely by the step; cell_after) and after (relaxed after the step; cell_after).
 *  - d2min: mgg_dmin2_periodic() from before (reference) to after with dmin2_cutoff and
 *    d2min_norm (the mean over the neighbours as Ding et al. 2014 and Wei et al. 2019 write it,
 *    or the sum of Falk and Langer 1998); n_neighbours: the neighbours N_i of the fit, so that
 *    either reading follows from the other; an atom without a fit (fewer than 3 neighbours,
 *    singular) has d2min 0 and is counted in n_unfitted;
 *  - the atoms with d2min > d2min_threshold (n_above; in the norm chosen) are clustered in the
 *    after configuration with cluster_cutoff (mgg_cluster_flagged());
 *  - broken, formed: mgg_aqs_lce_bonds() from start to after (the bonds the relaxation changed);
 *  - von_mises_change: von Mises stress of stress_after minus that of stress_before (6 values
 *    per atom each, mgg_aqs_von_mises_stress()). */
typedef struct {
  double dmin2_cutoff;    /* A, > 0 */
  double d2min_threshold; /* A^2, >= 0 */
  double cluster_cutoff;  /* A, > 0 */
  mgg_aqs_lce_params bonds;
  mgg_dmin2_norm d2min_norm; /* MGG_DMIN2_MEAN or MGG_DMIN2_SUM; the threshold applies to it */
} mgg_aqs_event_params;

typedef struct {
  /* the caller's per-atom outputs, n_atoms values each */
  double *d2min;
  int *n_neighbours; /* N_i: reference neighbours within dmin2_cutoff */
  int *broken, *formed;
  double *von_mises_change;
  int *cluster;         /* -1 below the threshold, else the rank of its cluster by size */
  size_t *cluster_size; /* room for n_atoms; the first n_clusters receive the sizes, descending */
  /* set by mgg_aqs_event_analysis() */
  size_t n_above, n_clusters, n_unfitted;
} mgg_aqs_event_result;

/* type: 0-based types.  work, work_len, work_needed: the work_needed protocol (mgg_neighbours.h;
 * a few more calls: each step may ask for more).  Errors: those of the steps (a step's
 * MGG_ERR_BAD_ARGUMENT also for a non-finite stress or an unknown d2min_norm), MGG_ERR_NULL_ARGUMENT. */
mgg_status mgg_aqs_event_analysis(const mgg_aqs_event_params *params, size_t n_atoms,
                                  const int *type, const mgg_cell *cell_before, const double *x_before,
                                  const mgg_cell *cell_after, const double *x_start,
                                  const double *x_after, const double *stress_before,
                                  const double *stress_after, void *work, size_t work_len,
                                  size_t *work_needed, mgg_aqs_event_result *result);

#ifdef __cplusplus
}
#endif

#endif
