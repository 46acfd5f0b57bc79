"""Helpers for the integration tests: run LAMMPS through tools/lmp, read dumps, compare."""
import os
import subprocess
import sys

import numpy as np

SOURCE_DIR = os.environ.get("MGG_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
LMP = os.path.join(SOURCE_DIR, "tools", "lmp")
sys.path.insert(0, os.path.join(SOURCE_DIR, "tools"))
import mgglass  # noqa: E402

GLASS_DIR = os.path.join(SOURCE_DIR, "examples", "glass")
GLASS_50 = os.path.join(GLASS_DIR, "CuZr_50_50.data")
GLASS_64 = os.path.join(GLASS_DIR, "CuZr_64_36.data")
# hbar sqrt(eV / (A^2 amu)) in meV: a mode energy from a dynamical-matrix eigenvalue
MEV = 64.65415130134122


def mode_eigenvalue(energy):
    """lambda (eV/(A^2 amu)) of compute participation's hbar omega (meV), negative for a
    negative lambda."""
    return np.sign(energy) * (energy / MEV) ** 2


def glass_header(data=GLASS_50, extra=""):
    """Start of a LAMMPS script: the plugin, a sample glass and its EAM potential; extra goes
    before read_data (commands that must precede the box)."""
    return f"""
plugin load libmgglass.so
{extra}
units metal
atom_style atomic
read_data {data}
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
"""


# a 2d square lattice: the styles that need 3d refuse it
TWO_D_HEADER = """
plugin load libmgglass.so
units metal
dimension 2
lattice sq 3.0
region box block 0 6 0 6 -0.5 0.5
create_box 1 box
create_atoms 1 box
mass 1 63.546
"""


def deform_script(computes, columns, deform, steps=2):
    """Script body for the fix deform tests: the computes, `steps` steps of fix deform (which
    changes the box and remaps the owned atoms after the step's communication) with a dump of
    columns every step (deform.N.dump), then a run 0 at the last configuration (still.N.dump)."""
    return f"""
{computes}
fix df all deform 1 {deform} remap x
dump a all custom 1 deform.*.dump id {columns}
dump_modify a format float %.17g
run {steps}
undump a
unfix df
dump b all custom 1 still.*.dump id {columns}
dump_modify b format float %.17g
run 0
"""


def deform_dumps(cwd, step=2):
    """(under deform, run 0) dumps of deform_script's last step."""
    return (Dump(os.path.join(cwd, f"deform.{step}.dump")),
            Dump(os.path.join(cwd, f"still.{step}.dump")))


def workdir(name):
    """A fresh directory for one test's files, under the current (ctest build) directory."""
    path = os.path.abspath(os.path.join("out", name))
    os.makedirs(path, exist_ok=True)
    return path


def run_example(name):
    """Runs examples/<name>/run.sh --quick into a fresh out/examples_<name>; returns that directory."""
    out = workdir(f"examples_{name}")
    for entry in os.listdir(out):
        os.remove(os.path.join(out, entry))
    proc = subprocess.run([os.path.join(SOURCE_DIR, "examples", name, "run.sh"), "--quick", out],
                          capture_output=True, text=True)
    print(proc.stdout[-3000:], proc.stderr[-3000:])
    assert proc.returncode == 0, proc.returncode
    return out


def run_lammps(script, cwd, np_ranks=1, name="in.test", check=True, variables=None, timeout=1800,
               partitions=1):
    """Writes script to cwd/name and runs it (on np_ranks ranks in each of `partitions` LAMMPS
    partitions, -partition); returns (returncode, combined output)."""
    with open(os.path.join(cwd, name), "w") as f:
        f.write(script)
    # line-buffered output: an MPI_Abort would otherwise swallow the error message
    cmd = ["stdbuf", "-oL", "-eL", LMP, "-in", name, "-log", name + ".log", "-echo", "screen"]
    for key, value in (variables or {}).items():
        cmd += ["-var", key, str(value)]
    if partitions > 1:
        cmd += ["-partition", f"{partitions}x{np_ranks}"]
    if np_ranks * partitions > 1:
        cmd = ["mpirun", "--oversubscribe", "-np", str(np_ranks * partitions)] + cmd
    # one BLAS thread per process: a threaded BLAS sums in an order that depends on its thread
    # count, which mpirun's binding changes with the number of ranks (fix artn's exact
    # curvatures through CHOLMOD and ARPACK: results compared between 1 and 2 ranks)
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:])
        raise RuntimeError(f"LAMMPS failed ({proc.returncode}) in {cwd}/{name}")
    return proc.returncode, proc.stdout


def dynamical_matrix(path, n):
    """The 3n x 3n matrix of LAMMPS dynamical_matrix's binary file (`binary yes`) for a group of n
    atoms (rows and columns by ascending atom ID, x y z each; regular style in metal units:
    -dF_j/dx_i / sqrt(m_i m_j) in eV/(A^2 amu)), symmetrised: its central differences are
    symmetric only to their rounding."""
    d = np.fromfile(path).reshape(3 * n, 3 * n)
    return 0.5 * (d + d.T)


def Dump(path):
    """The first snapshot of a LAMMPS text dump, rows sorted by atom id (tools/mgglass's reader:
    .h, .lo, .columns, .data, frame[column], .cols(...))."""
    frame = next(mgglass.iter_dump(path, sort=True), None)
    if frame is None:
        raise ValueError(f"{path}: no snapshot")
    return frame


def assert_close(name, got, expected, rtol, atol=0.0):
    got, expected = np.asarray(got, float), np.asarray(expected, float)
    err = np.abs(got - expected)
    bad = err > atol + rtol * np.abs(expected)
    worst = np.max(err / (atol + rtol * np.abs(expected) + 1e-300)) if err.size else 0.0
    print(f"{name}: {err.size} values, max abs error {err.max() if err.size else 0:.3e}, "
          f"worst error / tolerance {worst:.3e}")
    if bad.any():
        k = np.argmax(bad)
        raise AssertionError(f"{name}: {bad.sum()} values off, first at {k}: "
                             f"{got.flat[k]!r} vs {expected.flat[k]!r}")


def expect_error(script, cwd, pattern, name):
    """Runs a script that must stop with a LAMMPS ERROR line containing pattern."""
    code, out = run_lammps(script, cwd, name=name, check=False)
    errors = [line for line in out.splitlines() if line.startswith("ERROR")]
    if code == 0 or not any(pattern in line for line in errors):
        raise AssertionError(f"{name}: expected an ERROR containing {pattern!r}, got exit {code} "
                             f"and {errors or out[-1500:]}")
    print(f"{name}: {errors[0]}")


def expect_errors(cases, cwd, prefix=""):
    """expect_error for each (name, script, pattern) of cases, the pattern after prefix."""
    for name, script, pattern in cases:
        expect_error(script, cwd, prefix + pattern, name)
    print(f"PASS: {len(cases)} error cases")
