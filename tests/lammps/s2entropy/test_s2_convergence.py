"""compute s2entropy: convergence in dr, and the ideal gas.

dr: on the 2,000-atom glass at rc 6.4 A, fixed and growing widths, S2 at dr = 0.1 .. 0.01 A against
dr = 0.001 A: the error falls as dr^2 (ratio 4 per halving, the trapezoid rule), and the default
dr (0.02 A) is within 2e-4 of the converged value for every atom.

Ideal gas: 2,000 uniformly random points (numpy's generator; two types, no exclusion) in the
glass's box.  The true S2 of an ideal gas is 0, but a per-atom g(r) smoothed with a width w is a
shot-noise estimate: each type adds about -1 / (8 sqrt(pi) w) per unit of r to S2 (the variance of
g, 1 / (2 sqrt(pi) w 4 pi rho r^2), times 1/2 from g ln g - g + 1 ~ (g - 1)^2 / 2), with
corrections of a few % from the higher cumulants where a shell holds few atoms.  The test
checks dS2 = S2(rc2) - S2(rc1) of the random configuration against the exact Poisson expectation
of the same integral, computed by Monte Carlo over Poisson neighbour shells (no atoms, no compute
code), to 4% (the standard error of the mean over the atoms is about 1%), at two widths; and that
the glass's dS2 differs from it by more than 10% (its structure adds to S2).  (LAMMPS's
create_atoms random, a Park-Miller generator, gives points measurably more regular than Poisson:
dS2 3-5% smaller.)"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

DRS = [0.1, 0.05, 0.02, 0.01, 0.001]
DR_SCRIPT = mggtest.glass_header() + "comm_modify cutoff 12\n" + "".join(
    f"compute f{k} all s2entropy 6.4 dr {dr}\n"
    f"compute g{k} all s2entropy 6.4 dr {dr} smoothing growing\n" for k, dr in enumerate(DRS)) + \
    "compute default all s2entropy 6.4\n" + \
    "dump d all custom 1 dr.dump id " + " ".join(
        f"c_f{k} c_g{k}" for k in range(len(DRS))) + " c_default\n" + \
    "dump_modify d format float %.17g\nrun 0\n"

RC1, RC2 = 4.0, 8.0
SIGMAS = [0.2, 0.4]
EXCESS = "".join(f"compute a{k} all s2entropy {RC1} sigma {s}\ncompute b{k} all s2entropy {RC2} sigma {s}\n"
                 for k, s in enumerate(SIGMAS))
EXCESS_COLS = " ".join(f"c_a{k} c_b{k}" for k in range(len(SIGMAS)))
BOX = np.array([32.92, 32.82, 33.07])  # the glass's box
N_PER_TYPE = 1000
GAS_SCRIPT = f"""
plugin load libmgglass.so
units metal
atom_style atomic
read_data gas.data
pair_style zero 7.6
pair_coeff * *
comm_modify cutoff 11
{EXCESS}
dump d all custom 1 gas.dump id type {EXCESS_COLS}
dump_modify d format float %.17g
run 0
"""
GLASS_SCRIPT = mggtest.glass_header() + "comm_modify cutoff 11\n" + EXCESS + \
    f"dump d all custom 1 glass.dump id type {EXCESS_COLS}\ndump_modify d format float %.17g\nrun 0\n"


def check_dr(wd):
    mggtest.run_lammps(DR_SCRIPT, wd, name="in.dr")
    d = mggtest.Dump(os.path.join(wd, "dr.dump"))
    for kind in "fg":
        ref = d[f"c_{kind}{len(DRS) - 1}"]
        errors = [np.abs(d[f"c_{kind}{k}"] / ref - 1).max() for k in range(len(DRS) - 1)]
        print(f"{'fixed' if kind == 'f' else 'growing'}: max relative error at dr "
              + ", ".join(f"{dr}: {e:.2e}" for dr, e in zip(DRS, errors)))
        for k in range(len(errors) - 1):
            order = np.log(errors[k] / errors[k + 1]) / np.log(DRS[k] / DRS[k + 1])
            assert 1.8 < order < 2.2, f"convergence order {order:.2f} between dr {DRS[k]} and {DRS[k + 1]}"
    default_error = np.abs(d["c_default"] / d[f"c_f{len(DRS) - 1}"] - 1).max()
    print(f"default dr: max relative error {default_error:.2e}")
    assert default_error < 2e-4


def write_random_gas(path, seed=7):
    x = np.random.default_rng(seed).random((2 * N_PER_TYPE, 3)) * BOX
    with open(path, "w") as f:
        f.write(f"uniformly random points\n\n{2 * N_PER_TYPE} atoms\n2 atom types\n\n")
        f.writelines(f"0 {BOX[d]} {n}lo {n}hi\n" for d, n in enumerate("xyz"))
        f.write("\nMasses\n\n1 60.0\n2 60.0\n\nAtoms # atomic\n\n")
        f.writelines(f"{i + 1} {1 + i // N_PER_TYPE} {p[0]:.12f} {p[1]:.12f} {p[2]:.12f}\n"
                     for i, p in enumerate(x))


def poisson_excess(rho, sigma, r1, r2, samples=20000, seed=1):
    """-1/2 rho Integral_r1^r2 E[g ln g - g + 1] 4 pi r^2 dr for one type of an ideal gas (Poisson
    points of density rho), g(r) the fixed-width kernel sum / (4 pi rho r^2), by Monte Carlo at
    each r of a grid (the points within 6 widths of r, as the compute)."""
    rng = np.random.default_rng(seed)
    rs = np.linspace(r1, r2, 41)
    integrand = []
    for r in rs:
        lo3, hi3 = max(r - 6 * sigma, 0.0) ** 3, (r + 6 * sigma) ** 3
        counts = rng.poisson(4 * np.pi * rho * (hi3 - lo3) / 3, samples)
        rp = np.cbrt(lo3 + rng.random(counts.sum()) * (hi3 - lo3))
        kernel_sum = np.bincount(np.repeat(np.arange(samples), counts),
                                 weights=np.exp(-(r - rp) ** 2 / (2 * sigma ** 2)), minlength=samples)
        g = kernel_sum / (np.sqrt(2 * np.pi) * sigma * 4 * np.pi * rho * r * r)
        phi = np.where(g > 0, g * np.log(np.where(g > 0, g, 1.0)) - g + 1.0, 1.0)
        integrand.append(phi.mean() * 4 * np.pi * r * r * rho)
    return -0.5 * np.sum(np.diff(rs) * (np.array(integrand[1:]) + integrand[:-1]) / 2)


def main():
    wd = mggtest.workdir("s2entropy_convergence")
    check_dr(wd)
    write_random_gas(os.path.join(wd, "gas.data"))
    mggtest.run_lammps(GAS_SCRIPT, wd, name="in.gas")
    mggtest.run_lammps(GLASS_SCRIPT, wd, name="in.glass")
    gas = mggtest.Dump(os.path.join(wd, "gas.dump"))
    glass = mggtest.Dump(os.path.join(wd, "glass.dump"))
    for k, sigma in enumerate(SIGMAS):
        asymptotic = -2 * (RC2 - RC1) / (8 * np.sqrt(np.pi) * sigma)
        predicted = 2 * poisson_excess(N_PER_TYPE / np.prod(BOX), sigma, RC1, RC2)
        excess = gas[f"c_b{k}"] - gas[f"c_a{k}"]
        glass_excess = glass[f"c_b{k}"] - glass[f"c_a{k}"]
        sem = excess.std() / np.sqrt(len(excess))
        print(f"sigma {sigma}: S2({RC2}) - S2({RC1}) random {excess.mean():.4f} +- {sem:.4f}, "
              f"Poisson expectation {predicted:.4f} (asymptotic {asymptotic:.4f}), glass {glass_excess.mean():.4f}; "
              f"S2({RC1}) random {gas[f'c_a{k}'].mean():.4f}, glass {glass[f'c_a{k}'].mean():.4f}")
        assert abs(excess.mean() / predicted - 1) < 0.04
        assert abs(glass_excess.mean() / predicted - 1) > 0.1
    print("PASS")


if __name__ == "__main__":
    main()
