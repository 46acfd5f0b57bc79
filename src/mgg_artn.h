/* mgglass: saddle searches by the activation-relaxation technique nouveau (ARTn; Barkema and
 * Mousseau 1996, Malek and Mousseau 2000, Cances et al. 2009) in reverse communication, with the
 * validation of every saddle (lowest curvatures by mgg_lanczos). */
#ifndef MGG_ARTN_H
#define MGG_ARTN_H

#include <stddef.h>
#include <stdint.h>

#include "mgg_cg.h"
#include "mgg_lanczos.h"
#include "mgg_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Hessian-vector product by a forward difference of forces: hv = -(f_step - f) / step, f the
 * forces at x and f_step those at x + step v (v of unit norm); error O(step). */
void mgg_hessian_vector_fd(size_t n, const double *f, const double *f_step, double step,
                           double *hv);

/* ------------------------------------------------------------------ ARTn */

/* One saddle search from a minimum x0 of energy e0, in reverse communication:
 *   mgg_artn_start(&params, n_atoms, x0, e0, push, mobile, work, work_len, &s);
 *   req = mgg_artn_step(&s, 0.0, NULL);
 *   while (req != MGG_ARTN_DONE) {
 *     if (req == MGG_ARTN_EVALUATE)  answer = forces at s.point (3 n_atoms), energy its energy;
 *     else (MGG_ARTN_HESSIAN_VECTOR) answer = H v at s.point along v = s.direction (unit norm);
 *     req = mgg_artn_step(&s, energy, answer);
 *   }
 *   s.status says how the search ended (mgg_artn_status_message()).
 * Hessian-vector requests come only when params.lanczos_fd_step is 0; otherwise every product
 * is a forward difference of forces (mgg_hessian_vector_fd()) and the caller only evaluates
 * forces.  Coordinates: n_atoms atoms of 3 coordinates; mobile (3 n_atoms ints, NULL: all)
 * marks the coordinates that may move; the others keep x0 and their forces are ignored.  All
 * vectors (push, steps, eigenvectors) live in the projected space P: mobile coordinates and,
 * with remove_translation, orthogonal to a uniform translation of the mobile coordinates (the
 * zero modes of a periodic system with every atom mobile).  The search, its results and the
 * requested points depend only on the inputs (no random state: the caller draws the push).
 * Positions are continuous (unwrapped) from x0: the caller evaluates them as given.
 *
 * The search (distances in the units of x, energies in those of e0: A and eV for metal):
 *  1. Basin: x = x0 + push_initial p (p = P push normalised); relaxed perpendicular to the
 *     displacement d = P (x - x0) / |...| (at most basin_perp_evals evaluations, down to
 *     force_tol; the relaxations are below); lowest
 *     curvature by Lanczos, started from the previous eigenvector (the push at first).  While it
 *     is above eigenvalue_threshold: x += push_increment d, relax, Lanczos.  Pushing along the
 *     displacement rather than the fixed push direction, relaxing the perpendicular hyperplane,
 *     turns the displacement towards the soft directions of the basin (for a harmonic basin the
 *     hyperplane minimum is H^-1 d: inverse iteration), so the energy does not climb harmonically
 *     along a stiff push.  With basin_push_fixed every push and relaxation is along p instead
 *     (pARTn, Poberznik et al. 2024): in a large cell the inverse iteration drifts to soft modes
 *     of the whole cell, far from the pushed atoms.  With basin_push_fixed 2 the push is along
 *     the displacement of the pushed coordinates alone (those where the push is not zero), so
 *     that it stays on the pushed atoms while their direction turns with the relaxation.
 *  2. Activation: at x with lowest eigenpair (lambda < 0, e): Newton step along e to the maximum
 *     of the quadratic model, s = (f.e) / lambda, capped at eigen_step_max (in length); then the
 *     forces perpendicular to e relaxed (at most perp_evals evaluations, down to
 *     max(force_tol, perp_force_ratio |f.e|): no finer than the next step along e will undo);
 *     Lanczos from e.
 *     Converged when the force criterion holds (largest mobile force component, or the 2-norm
 *     with force_norm, <= force_tol), tested after each step and each relaxation.
 *     Lost eigenvalue: when the lowest curvature turns >= 0 after leaving the basin, the search
 *     goes back to the last point of negative curvature and repeats the step with half the cap
 *     (the cap regrows by 2 per accepted step); when that fails twice in a row (the negative
 *     region ends along this ridge) it pushes from there along the displacement from x0 as in the
 *     basin, and follows the eigenvector again once the curvature is below the threshold: a
 *     retry, not a failure, max_retries times per search.  With lost_curvature > 0 a curvature
 *     in [0, lost_curvature) is not lost: the climb goes on, every step along e taken with the
 *     curvature max(|lambda|, lost_curvature) uphill.
 *  Perpendicular relaxations: steepest descent with the Barzilai-Borwein step (Barzilai and
 *  Borwein 1988), one evaluation per step and no line search, the step length carried from one
 *  relaxation to the next, each move capped at perp_dmax per coordinate (the first of a search
 *  at a tenth of that).
 *  Failures: max_basin_steps pushes without leaving the basin, max_activation_steps steps,
 *  max_evaluations force evaluations plus Hessian-vector products in the search, E - e0 above
 *  max_energy, an atom farther than max_displacement from x0 or a mobile atom farther than
 *  reach_radius from reach_centre (all tested at the points the
 *  search moves to, not at the trial points of a relaxation), a non-finite answer.
 *  3. Validation (validate = 1): (1) the force criterion at the saddle; (2) exactly one negative
 *     curvature, lambda_1 < 0 < lambda_2: lambda_1 by Lanczos from the search's eigenvector,
 *     then the lowest curvature orthogonal to its eigenvector (at most lambda_2, Courant-Fischer)
 *     by a second Lanczos on the deflated operator from a fixed pseudo-random vector, both to
 *     residual convergence (validate_lanczos_tol relative, floor |eigenvalue_threshold|); one
 *     Krylov space for two pairs would pass a saddle of order two whose negative curvatures are
 *     (nearly) equal; (4) E_act = E - e0 > 0; (3) connected: relaxed (CG as LAMMPS's minimize,
 *     mgg_cg, dmax perp_dmax, to validate_ftol on the 2-norm, at most validate_max_evals
 *     evaluations each) from the saddle displaced by validate_step along the eigenvector, first
 *     towards x0, then the other way if that side missed, one side returns to x0: energy within
 *     same_energy and every atom within same_distance (mgg_artn_same_state(), the mean
 *     translation removed with remove_translation); a relaxation ends as soon as it meets that
 *     test, and (without relax_final) as soon as a CG line search starts more than 2
 *     same_energy below e0: CG accepts no rise in energy, so it can no longer end at x0.  With caller_curvatures, check (2) takes lambda_1, lambda_2 and their eigenvectors
 *     from the caller (MGG_ARTN_CURVATURES; e.g. a sparse factorisation of an exact Hessian),
 *     whose lambda_2 no 64-product Lanczos resolves in a large cell's dense low spectrum; with exact
 *     products (lanczos_fd_step 0) the two Lanczos runs come first all the same, and the caller
 *     is asked only when they do not prove a second negative curvature
 *     (mgg_artn_order_two_proven(): most points of order two end so, cheaply).  With
 *     continue_higher_order a saddle of order two is not the end: a step of validate_step down
 *     its second eigenvector (or the deflated Lanczos run's Ritz vector that proved it, also of
 *     negative curvature), a relaxation perpendicular to the first ten times finer and longer
 *     than the activation's, and the activation goes on (a retry).  relax_final also relaxes
 *     the other side when the first returned (E_final: the event's asymmetry).  The checks run in the order (1), (2), (4), (3) (the cheap ones
 *     first); the status names the first that failed. */

typedef struct {
  /* basin */
  double push_initial;         /* first push (A): 0.1 (Wei et al. 2019) */
  double push_increment;       /* further pushes (A): 0.15 (Wei et al. 2019) */
  double eigenvalue_threshold; /* leave the basin below this curvature (eV/A^2): -0.30 */
  int max_basin_steps;         /* pushes after the first at most (0: the first push must leave
                                * the basin): 30 */
  int basin_perp_evals;        /* evaluations of each perpendicular relaxation in the basin: 4 */
  int basin_push_fixed;        /* 0: each push along P (x - x0); 1: along the first push; 2:
                                * along P (x - x0) on the pushed coordinates alone: 0 */
  /* activation */
  double eigen_step_max;       /* largest step along the eigenvector (A): 0.15 */
  int perp_evals;              /* evaluations of each perpendicular relaxation: 8 */
  double perp_force_ratio;     /* a perpendicular relaxation ends when the 2-norm of the
                                * perpendicular force is below this times |f.e| (or force_tol): 0.5 */
  double perp_dmax;            /* largest move of one coordinate in a relaxation step (A): 0.1
                                * (also dmax of the validation's CG) */
  double force_tol;            /* convergence (eV/A): 0.05 (Wei et al. 2019) */
  int force_norm;              /* 0: largest component (Wei et al. 2019), 1: 2-norm (Zhang et
                                * al. 2022: 0.01) */
  int max_activation_steps;    /* 200 */
  int max_retries;             /* lost eigenvalues (retries) of a search at most: 20 */
  double lost_curvature;       /* 0: a curvature >= 0 after the basin is lost (a retry); > 0
                                * (eV/A^2): the climb goes on along e while the curvature is
                                * below this, every step -(f.e) / max(|lambda|, lost_curvature)
                                * (the LAMMPS ARTn of Xu et al., eigen_th_fail 0.1): 0 */
  long max_evaluations;        /* force evaluations + Hessian-vector products of the search: 2000 */
  double max_energy;           /* E - e0 above this is a runaway (eV): 10 */
  double max_displacement;     /* an atom farther from x0 is lost (A): 5 */
  double reach_radius;         /* > 0: a mobile atom farther than this from reach_centre is lost
                                * too (A; a local cluster whose forces are exact only so far): 0 */
  double reach_centre[3];
  /* Lanczos */
  double lanczos_fd_step;      /* > 0: finite-difference products with this step (A): 1e-3;
                                * 0: Hessian-vector requests to the caller */
  int lanczos_max_iter;        /* products of a search Lanczos at most: 16 */
  double lanczos_tol;          /* relative change of the eigenvalue (floor |threshold|): 0.01 */
  int remove_translation;      /* 1: project out uniform translations (periodic, all mobile): 0 */
  /* validation */
  int validate;                /* 1 */
  double validate_lanczos_tol; /* relative residual: 0.01 */
  int validate_lanczos_max_iter; /* 60 */
  double validate_step;        /* displacement along the eigenvector (A): 0.1 */
  double validate_ftol;        /* 2-norm of the force ending a relaxation (eV/A): 0.01 */
  long validate_max_evals;     /* per relaxation: 500 */
  double same_energy;          /* eV: 1e-3 */
  double same_distance;        /* A: 0.1 */
  int relax_final;             /* also relax the other side (E_final): 0 */
  int continue_higher_order;   /* 1: a saddle of order two found by check (2) is left along the
                                * second eigenvector and the activation goes on (a retry): 0 */
  int caller_curvatures;       /* 1: check (2) asks the caller for the two lowest curvatures
                                * (MGG_ARTN_CURVATURES) instead of the two Lanczos runs: 0 */
} mgg_artn_params;

/* The defaults above (the search parameters of Wei et al. 2019). */
void mgg_artn_default_params(mgg_artn_params *params);

typedef enum {
  MGG_ARTN_RUNNING = 0,
  MGG_ARTN_SADDLE,              /* converged, all four checks hold */
  MGG_ARTN_CONVERGED,           /* converged; validation off */
  /* the search failed */
  MGG_ARTN_BASIN_CAP,           /* max_basin_steps pushes without leaving the basin */
  MGG_ARTN_ACTIVATION_CAP,      /* max_activation_steps steps without convergence */
  MGG_ARTN_EVALUATION_CAP,      /* max_evaluations reached */
  MGG_ARTN_EIGENVALUE_LOST,     /* the curvature stayed >= 0 after max_retries retries */
  MGG_ARTN_ENERGY_RUNAWAY,      /* E - e0 > max_energy */
  MGG_ARTN_ATOM_LOST,           /* an atom moved farther than max_displacement */
  MGG_ARTN_NON_FINITE,          /* a non-finite energy, force or product */
  /* a validation check failed */
  MGG_ARTN_FORCE_CHECK,         /* (1) force above the threshold */
  MGG_ARTN_CURVATURE_UNRESOLVED,/* (2) the two lowest eigenvalues did not converge */
  MGG_ARTN_NO_NEGATIVE_CURVATURE, /* (2) lambda_1 >= 0 */
  MGG_ARTN_HIGHER_ORDER,        /* (2) lambda_2 <= 0: more than one negative curvature */
  MGG_ARTN_NEGATIVE_BARRIER,    /* (4) E_act <= 0 */
  MGG_ARTN_NOT_CONNECTED        /* (3) neither side relaxes to the initial minimum */
} mgg_artn_status;

/* Static, never NULL: "saddle", "basin cap", ...; "unknown" outside the enumeration. */
const char *mgg_artn_status_message(mgg_artn_status status);

/* MGG_ARTN_CURVATURES (only with params.caller_curvatures): the answer holds 2 + 6 n_atoms
 * doubles, the two lowest eigenvalues of the Hessian at s.point in the projected space (lambda_1
 * <= lambda_2; NAN when they could not be found), then the eigenvectors of lambda_1 and
 * lambda_2 (3 n_atoms each). */
typedef enum {
  MGG_ARTN_EVALUATE = 0,
  MGG_ARTN_HESSIAN_VECTOR,
  MGG_ARTN_CURVATURES,
  MGG_ARTN_DONE
} mgg_artn_request;

typedef struct {
  /* the request (valid until the next mgg_artn_step()) */
  const double *point;     /* 3 n_atoms: where to evaluate */
  const double *direction; /* 3 n_atoms, unit norm: v of a Hessian-vector product */
  /* results */
  mgg_artn_status status;
  double energy;           /* of the current point; at the end, of the saddle (or last point) */
  double e_act;            /* E_saddle - e0 */
  double eigenvalue[2];    /* lowest curvatures: [0] of the search; after validation lambda_1
                            * and the lowest orthogonal to its eigenvector, <= lambda_2 ([1] NAN
                            * until then, INFINITY with a single mobile direction) */
  double max_force, force_norm; /* of the final point (projected) */
  double displacement;     /* largest atom displacement from x0 at the final point */
  double e_final;          /* energy of the other minimum (NAN unless relaxed) */
  int final_relaxed;       /* 1 when final_minimum() holds the other side's minimum */
  int connected_side;      /* 1: the side towards x0 returned to it, 2: the other, 0: neither */
  long evaluations;        /* force evaluations answered, finite differences included */
  long hessian_vectors;    /* Hessian-vector products answered */
  long validation_evaluations; /* of which in validation (forces and products) */
  long curvature_requests; /* MGG_ARTN_CURVATURES answered */
  int basin_steps, activation_steps, retries, lanczos_runs;
  /* internal */
  mgg_artn_params p;
  size_t n_atoms;
  int phase, pending, side, perp, lost_in_row, leaving, start_mode;
  double e0, step_cap, acc_energy, acc_lambda, saddle_energy, bb_alpha, relax_ftol, residual_1;
  long relax_evals, relax_max;
  mgg_lanczos lz;
  mgg_cg cg;
  double *x0, *mask, *x, *f, *fp, *e, *d, *pd, *xacc, *facc, *eacc, *cgx0, *cgg, *cgh, *xs, *fs, *xfd,
      *hv, *xfin, *lzwork;
  size_t lzwork_len;
} mgg_artn;

/* Bytes of workspace of a search of n_atoms atoms with these parameters (0 when out of range). */
size_t mgg_artn_work_size(size_t n_atoms, const mgg_artn_params *params);

/* x0, push: 3 n_atoms doubles; mobile: 3 n_atoms ints or NULL; copied (the caller may reuse
 * them).  Errors: MGG_ERR_NULL_ARGUMENT, MGG_ERR_BAD_ARGUMENT (parameters, n_atoms 0, non-finite
 * x0 or e0, a push with nothing left in the projected space), MGG_ERR_BUFFER_TOO_SMALL. */
mgg_status mgg_artn_start(const mgg_artn_params *params, size_t n_atoms, const double *x0,
                          double e0, const double *push, const int *mobile, void *work,
                          size_t work_len, mgg_artn *search);

/* After mgg_artn_start(), before the first step: the first Lanczos starts from e (3 n_atoms,
 * projected and normalised here) instead of the push, e.g. the eigenvector of a saddle found on
 * a part of the system that the search refines.  Errors: MGG_ERR_NULL_ARGUMENT,
 * MGG_ERR_BAD_ARGUMENT (a search already stepped, a non-finite e or nothing left of it). */
mgg_status mgg_artn_start_mode(mgg_artn *search, const double *e);

/* One step (see above).  energy and answer belong to the previous request (ignored on the first
 * call); answer has 3 n_atoms doubles.  After MGG_ARTN_DONE it returns MGG_ARTN_DONE again. */
mgg_artn_request mgg_artn_step(mgg_artn *search, double energy, const double *answer);

/* After MGG_ARTN_DONE: the saddle (the search's last point when it failed), its lowest
 * eigenvector (unit norm, 3 n_atoms), and the other side's minimum (final_relaxed: relax_final,
 * or a side that did not return to x0 and was relaxed to its end): pointers into the workspace. */
const double *mgg_artn_saddle(const mgg_artn *search);
const double *mgg_artn_eigenvector(const mgg_artn *search);
const double *mgg_artn_final_minimum(const mgg_artn *search);

/* 1 when two states of n_atoms atoms are the same: |ea - eb| <= energy_tol and every atom of b
 * within distance_tol of its place in a, after removing the mean translation of b relative to
 * a when remove_translation is set (duplicates of saddles: energy_tol 0.01 eV, distance_tol
 * 0.1 A, translation removed).  Coordinates unwrapped (continuous from a common minimum). */
int mgg_artn_same_state(size_t n_atoms, const double *xa, double ea, const double *xb, double eb,
                        double energy_tol, double distance_tol, int remove_translation);

/* The displacement of state b from state a (n_atoms atoms, coordinates unwrapped from a common
 * minimum): d = xb - xa (3 n_atoms, or NULL) with the mean translation of b relative to a removed
 * when remove_translation is set.  Returns the largest atom distance |d_i| (NAN with a NULL
 * state or a non-finite coordinate) and, in *moved (or NULL), the number of atoms farther than
 * moved_distance.  The push of a refinement onto a local saddle, the event file's displacement
 * and atoms moved, the refinement's shift. */
double mgg_artn_displacement(size_t n_atoms, const double *xa, const double *xb,
                             int remove_translation, double moved_distance, double *d,
                             size_t *moved);

/* 1 when a second negative curvature is proven by Rayleigh quotients: a < 0, the lowest Ritz
 * value of a Lanczos run with residual norm `residual` (|H e - a e| for its unit Ritz vector e),
 * and b < 0, the Rayleigh quotient of a unit vector v orthogonal to e (the lowest Ritz value of
 * a run on the operator deflated of e), with a b > residual^2.  On span{e, v} the Rayleigh
 * quotient of H is then negative (|e'Hv| <= residual), so lambda_2 < 0 by Courant-Fischer,
 * whether or not either run converged. */
int mgg_artn_order_two_proven(double a, double residual, double b);

/* The parameters of the whole-system refinement of a point where a local search converged (the
 * cluster about the centre mobile, the rest held at x0): the search's, with the first push onto
 * that point (push = mgg_artn_displacement from x0 with the translation removed, push_norm its
 * norm), no basin pushes (a refinement that finds no negative curvature there, or loses it,
 * ends: pushes from there would be a new search, not a refinement) and no basin relaxation (it
 * would slide the point down the ridge; mgg_artn_start_mode() gives the search the point's
 * eigenvector), any curvature below
 * max(eigenvalue_threshold, refine_threshold) followed (the point is past the basin already:
 * with the basin's -0.30 eV/A^2 refinements stopped at local saddles of -0.12 to -0.27), and
 * the translation projected out. */
void mgg_artn_refine_params(const mgg_artn_params *search, double push_norm,
                            double refine_threshold, mgg_artn_params *refine);

/* The random push of search number `search` of a run with seed `seed` (ARTn's initial
 * displacement: a random direction on the centre atom and its neighbours within radius; Barkema
 * and Mousseau 1996): atom i with distance[i] <= radius from the centre gets three independent
 * standard normal components (an isotropic direction), the others zero.  The numbers come from a
 * counter-based generator (the splitmix64 finaliser of seed, search, id[i] and the component),
 * so each atom's push depends only on (seed, search, its id), not on the order of the atoms, the
 * number of processes or the searches before.  push: 3 n_atoms doubles, not normalised.
 * Returns the number of atoms pushed; 0 also when an argument is NULL or radius is negative or
 * not finite. */
size_t mgg_artn_random_push(size_t n_atoms, const double *distance, const long *id,
                            double radius, uint64_t seed, uint64_t search, double *push);

#ifdef __cplusplus
}
#endif

#endif
