#pragma once
// The MPI world of `mpirun -n N minesim ensemble` (docs/ensembles.md, "Many machines"): each rank
// runs one part of the members through its own cores, rank 0 combines them. Only `ensemble`
// initialises MPI, and only when an MPI launcher started this process, so every other command
// and a plain `minesim ensemble` never touch it; the members are child processes that do not
// initialise MPI either.
namespace minesim {

// Whether an MPI launcher (mpirun, mpiexec, srun with PMI/PMIx) started this process, from its
// environment, without initialising MPI.
bool launched_by_mpi();
// The number of ranks the launcher says it started (OMPI_COMM_WORLD_SIZE, PMI_SIZE,
// SLURM_NTASKS under PMIx; 1 when none says), without initialising MPI.
int mpi_world_size_from_env();

class MpiWorld {
 public:
  MpiWorld();   // MPI_Init
  ~MpiWorld();  // MPI_Finalize
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Ranks on this rank's node (OMPI_COMM_WORLD_LOCAL_SIZE, else 1), to share its cores.
  int local_size() const;
  // The largest of every rank's `value` (all ranks call it).
  int max_all(int value) const;
  // Ends every rank's process with `status` (a rank that failed: the others must not wait for it).
  [[noreturn]] void abort(int status) const;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace minesim
