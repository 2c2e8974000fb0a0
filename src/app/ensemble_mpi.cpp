#include "app/ensemble_mpi.h"

// The C API only: the deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace minesim {

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(v) != nullptr) return true;
  return false;
}

namespace {

// A launcher's count in the environment (ranks, ranks on a node); 1 when unset or not a count.
int env_count(const char* name) {
  const char* v = std::getenv(name);
  const int n = v != nullptr ? std::atoi(v) : 1;
  return n >= 1 ? n : 1;
}

}  // namespace

int mpi_world_size_from_env() {
  const int srun_tasks = std::getenv("PMIX_RANK") != nullptr ? env_count("SLURM_NTASKS") : 1;
  return std::max({env_count("OMPI_COMM_WORLD_SIZE"), env_count("PMI_SIZE"), srun_tasks});
}

MpiWorld::MpiWorld() {
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiWorld::~MpiWorld() { MPI_Finalize(); }

int MpiWorld::local_size() const { return env_count("OMPI_COMM_WORLD_LOCAL_SIZE"); }

int MpiWorld::max_all(int value) const {
  int out = value;
  MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return out;
}

void MpiWorld::abort(int status) const {
  MPI_Abort(MPI_COMM_WORLD, status);
  std::_Exit(status);  // MPI_Abort does not return; this is for the compiler
}

}  // namespace minesim
