"""compute flexvol against values known analytically and against a hand computation.

fcc crystal: every Voronoi volume is a^3/4, so with an MSD m_i given by an atom-style variable,
flexvol_i = m_i (a^3/4)^(1/3), or m_i / s^2 a^3/4 with `spacing s`.
Glass: squared displacements from compute displace/atom after a random displacement, through an
atom-style variable, passed through fix ave/atom (an f_ input) and directly (v_ input); Voronoi volumes from LAMMPS compute voronoi/atom; every
atom's value recomputed with numpy from the dumped inputs; compute reduce ave gives the group mean.
With --np 2 the glass values must equal the serial ones.
Protocol of examples/flexvol/in.flexvol, shortened: minimise, store the compute voronoi_index
volumes of the inherent structure with fix store/state 0, 20 steps of MD at 50 K, the MSD about
the inherent structure time-averaged by fix ave/atom (samples every 4 steps); numpy recomputes
the MSD of every atom from the dumped unwrapped positions at the sampled steps, takes the
volumes dumped by voronoi_index at step 0, and v_flex = MSD Omega^(1/3) must agree to 1e-10
relative (with --np 2 as well, each run against its own dumps)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import numpy as np  # noqa: E402

import mggtest  # noqa: E402

A_FCC = 3.615
CRYSTAL = f"""
plugin load libmgglass.so
units metal
lattice fcc {A_FCC}
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 63.546
pair_style lj/cut 5.0
pair_coeff 1 1 0.4 2.3
variable m atom 0.01*(1+id/100)
compute vor all voronoi/atom
compute flex all flexvol v_m c_vor[1]
compute flexs all flexvol v_m c_vor[1] spacing 2.5
compute mean all reduce ave c_flex
compute means all reduce ave c_flexs
thermo_style custom step c_mean c_means
thermo_modify format float %.15g
dump d all custom 1 crystal.dump id v_m c_vor[1] c_flex c_flexs
dump_modify d format float %.17g
run 0
"""

GLASS = mggtest.glass_header() + """
change_box all triclinic
change_box all xy final 1.5 remap units box
compute disp all displace/atom
displace_atoms all random 0.2 0.2 0.2 4242 units box
variable dr2 atom c_disp[1]^2+c_disp[2]^2+c_disp[3]^2
fix msd all ave/atom 1 1 1 v_dr2
compute vor all voronoi/atom
group cu type 1
compute flex all flexvol f_msd c_vor[1]
compute flexcu cu flexvol v_dr2 c_vor[1] spacing 2.8
compute mean all reduce ave c_flex
compute meancu cu reduce ave c_flexcu
thermo_style custom step c_mean c_meancu
thermo_modify format float %.15g
dump d all custom 1 glass.dump id type f_msd c_disp[4] c_vor[1] c_flex c_flexcu
dump_modify d format float %.17g
run 1
"""


EVERY, SAMPLES = 4, 5
PROTOCOL = mggtest.glass_header() + f"""
min_style cg
minimize 0 1e-8 1000 10000
reset_timestep 0
compute vor all voronoi_index
fix is_volume all store/state 0 c_vor[1]
compute disp all displace/atom
variable dr2 atom c_disp[1]^2+c_disp[2]^2+c_disp[3]^2
fix msd all ave/atom {EVERY} {SAMPLES} {EVERY * SAMPLES} v_dr2
compute flex all flexvol f_msd f_is_volume
compute mean all reduce ave c_flex
velocity all create 50 4711 dist gaussian mom yes rot yes
fix md all nve
timestep 0.002
thermo_style custom step temp pe c_mean
thermo_modify format float %.15g
thermo {EVERY * SAMPLES}
dump p all custom {EVERY} positions.dump id xu yu zu c_vor[1]
dump_modify p format float %.17g
dump f all custom {EVERY * SAMPLES} flexvol.dump id type f_msd f_is_volume c_flex
dump_modify f delay {EVERY * SAMPLES} format float %.17g
run {EVERY * SAMPLES}
"""


def read_snapshots(path):
    """All snapshots of a dump custom file as (step, Dump) (mggtest.Dump reads the first)."""
    with open(path) as f:
        text = f.read()
    parts = text.split("ITEM: TIMESTEP\n")[1:]
    snapshots = []
    for k, part in enumerate(parts):
        single = path + f".{k}"
        with open(single, "w") as f:
            f.write("ITEM: TIMESTEP\n" + part)
        snapshots.append((int(part.split()[0]), mggtest.Dump(single)))
    return snapshots


def check_protocol(wd, np_ranks):
    _, out = mggtest.run_lammps(PROTOCOL, wd, np_ranks=np_ranks, name="in.protocol")
    snapshots = read_snapshots(os.path.join(wd, "positions.dump"))
    assert [step for step, _ in snapshots] == list(range(0, EVERY * SAMPLES + 1, EVERY))
    x0 = snapshots[0][1].cols("xu", "yu", "zu")
    msd = np.mean([np.sum((d.cols("xu", "yu", "zu") - x0) ** 2, axis=1) for _, d in snapshots[1:]], axis=0)
    omega = snapshots[0][1]["c_vor[1]"]
    d = mggtest.Dump(os.path.join(wd, "flexvol.dump"))
    assert np.array_equal(d["id"], snapshots[0][1]["id"])
    print(f"protocol: MSD median {np.median(msd):.3e} A^2 (range {msd.min():.2e} .. {msd.max():.2e}), "
          f"volume mean {omega.mean():.3f} A^3")
    assert 1e-4 < np.median(msd) < 1e-2 and np.all(omega > 5), "not the expected MSD and volumes"
    mggtest.assert_close("protocol: inherent-structure volumes (fix store/state of voronoi_index)",
                         d["f_is_volume"], omega, 0.0)
    mggtest.assert_close("protocol: time-averaged MSD (fix ave/atom of displace/atom)", d["f_msd"], msd, 1e-10)
    expected = msd * np.cbrt(omega)
    mggtest.assert_close("protocol: flexvol", d["c_flex"], expected, 1e-10)
    mggtest.assert_close("protocol: group mean (compute reduce ave)", thermo_row(out, EVERY * SAMPLES)[-1:], [expected.mean()], 1e-10)


def thermo_row(out, step):
    """The numbers of the thermo line of a step (after the 'Step ...' header)."""
    lines = out.splitlines()
    for k, line in enumerate(lines):
        if line.split()[:1] == ["Step"]:
            for row in lines[k + 1:]:
                words = row.split()
                if words and words[0] == str(step):
                    return [float(w) for w in words[1:]]
    raise AssertionError(f"no thermo line for step {step}")


def check_crystal(wd):
    _, out = mggtest.run_lammps(CRYSTAL, wd, name="in.crystal")
    d = mggtest.Dump(os.path.join(wd, "crystal.dump"))
    omega = A_FCC ** 3 / 4
    mggtest.assert_close("fcc Voronoi volume (peer)", d["c_vor[1]"], np.full(len(d.data), omega), 1e-12)
    m = 0.01 * (1 + d["id"] / 100)
    mggtest.assert_close("fcc flexvol, a = Omega^(1/3)", d["c_flex"], m * omega ** (1 / 3), 1e-12)
    mggtest.assert_close("fcc flexvol, spacing 2.5", d["c_flexs"], m / 2.5 ** 2 * omega, 1e-12)
    mggtest.assert_close("fcc group means (compute reduce ave)", thermo_row(out, 0),
                         [np.mean(m) * omega ** (1 / 3), np.mean(m) / 6.25 * omega], 1e-12)


def check_glass(wd, np_ranks):
    _, out = mggtest.run_lammps(GLASS, wd, np_ranks=np_ranks, name="in.glass")
    d = mggtest.Dump(os.path.join(wd, "glass.dump"))
    msd, omega = d["f_msd"], d["c_vor[1]"]
    assert np.all(msd > 0) and np.all(omega > 5), "inputs are not the expected MSD and volumes"
    mggtest.assert_close("glass MSD through fix ave/atom", msd, d["c_disp[4]"] ** 2, 1e-14)
    expected = msd / omega ** (2 / 3) * omega
    mggtest.assert_close("glass flexvol", d["c_flex"], expected, 1e-12)
    cu = d["type"] == 1
    expected_cu = np.where(cu, d["c_disp[4]"] ** 2 / 2.8 ** 2 * omega, 0.0)
    mggtest.assert_close("glass flexvol of the Cu group, spacing 2.8", d["c_flexcu"], expected_cu, 1e-12)
    mggtest.assert_close("glass group means (compute reduce ave)", thermo_row(out, 1),
                         [expected.mean(), expected_cu[cu].mean()], 1e-12)
    return d


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=1)
    opts = parser.parse_args()
    wd = mggtest.workdir(f"flexvol_values_np{opts.np}")
    check_protocol(wd, opts.np)
    if opts.np == 1:
        check_crystal(wd)
        check_glass(wd, 1)
    else:
        serial = check_glass(mggtest.workdir("flexvol_values_serial_for_np2"), 1)
        parallel = check_glass(wd, opts.np)
        mggtest.assert_close(f"{opts.np} ranks vs serial", parallel["c_flex"], serial["c_flex"], 1e-12)
        mggtest.assert_close(f"{opts.np} ranks vs serial (Cu group)", parallel["c_flexcu"],
                             serial["c_flexcu"], 1e-12)
    print("PASS")


if __name__ == "__main__":
    main()
