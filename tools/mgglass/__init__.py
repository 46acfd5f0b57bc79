"""mgglass analysis toolkit: readers of LAMMPS and plugin output and the analyses of the four
studies (tools/mgg is its command line; doc/tools.md)."""
from .io import (Box, Data, Frame, iter_dump, read_ave_time_vector, read_atoms_file,  # noqa: F401
                 read_artn_events, read_data, read_dump, read_events, read_frame, read_table, read_thermo)
from .analysis import (binned, clusters, core_gap, correlation, fit_exponential,  # noqa: F401
                       lognormal_fit, motif_fractions, pearson, quantile_groups, stress_drops)
