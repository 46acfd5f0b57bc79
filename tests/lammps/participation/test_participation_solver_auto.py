"""solver auto of compute participation picks what doc/compute_participation.md says: sparse for
more than 1,000 atoms when at most 5% of the non-zero modes are wanted, dense otherwise.  The
compute writes its choice to the log when it is defined; 1,000 and 1,001 atoms are the first
atoms of the 2,000-atom glass (the others deleted), and fractions on both sides of 5% of its
5,997 modes (0.049: 294 modes; 0.051: 306).  Two of the cases are also run, so that the log of
the solution names the solver the definition announced."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import mggtest  # noqa: E402

SCRIPT = """
plugin load libmgglass.so
units metal
atom_style atomic
read_data {glass}
group rest id > {keep}
delete_atoms group rest
pair_style eam/fs
pair_coeff * * CuZr_mm.eam.fs Cu Zr
compute p all participation fraction {fraction}{solver}
thermo_style custom step {thermo}
run 0
"""
CHOICE = re.compile(r"compute participation p: solver (\w+) \(([^;]*); (\d+) atoms, (\d+) of the "
                    r"(\d+) non-zero modes\)")
# atoms, fraction, solver keyword, expected, run the solver
CASES = [(1000, 0.01, "", "dense", True),
         (1001, 0.01, "", "sparse", False),
         (2000, 0.01, "", "sparse", True),
         (2000, 0.049, "", "sparse", False),
         (2000, 0.051, "", "dense", False),
         (2000, 1.0, "", "dense", False),
         (2000, 0.01, " solver dense", "dense", False),
         (1000, 0.01, " solver sparse", "sparse", False)]


def main():
    wd = mggtest.workdir("participation_solver_auto")
    for k, (atoms, fraction, keyword, expected, solve) in enumerate(CASES):
        # the solution needs a minimum: only the whole glass is one; the 1,000-atom remainder
        # has unstable modes, which the dense solver reports (warning) and the sparse one cannot
        _, out = mggtest.run_lammps(SCRIPT.format(glass=mggtest.GLASS_64, keep=atoms,
                                                  fraction=fraction, solver=keyword,
                                                  thermo="c_p" if solve else "pe"),
                                    wd, name=f"in.case{k}")
        found = CHOICE.search(out)
        assert found, f"case {k}: no solver line in the log"
        chosen, why, n, modes, nonzero = found.groups()
        print(f"{atoms} atoms, fraction {fraction}{keyword or ' (auto)'}: {chosen} ({why}; "
              f"{modes} of {nonzero} modes)")
        assert int(n) == atoms and int(nonzero) == 3 * atoms - 3
        assert int(modes) == max(1, round(fraction * (3 * atoms - 3)))
        assert chosen == expected, f"case {k}: solver {chosen}, expected {expected}"
        assert ("auto" in why) == (keyword == "")
        if solve:
            used = "sparse" if "sparse solver (" in out else "dense" if "dense eigensolver" in out else None
            assert used == expected, f"case {k}: the solution used {used}"
    print(f"PASS: {len(CASES)} cases")


if __name__ == "__main__":
    main()
