"""Running under torchrun (env:// variables) or `--nproc K` (local workers spawned with
torch.multiprocessing): process group, device, sums across ranks."""
import os
import socket
import sys

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from .csv_reader import InputError

# --- script ---


class Cluster:
    """This process's place in the job: rank 0 of 1 without torchrun / --nproc."""

    def __init__(self, rank=0, world=1, local_rank=0, device=torch.device("cpu")):
        self.rank, self.world, self.local_rank, self.device = rank, world, local_rank, device

    @property
    def distributed(self):
        return self.world > 1

    @property
    def main(self):
        """Rank 0 alone prints and writes files."""
        return self.rank == 0

    def sum(self, values):
        """Element-wise sums of a list of numbers over all ranks (float64)."""
        if not self.distributed or values is None:
            return values
        tensor = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(tensor)
        return tensor.tolist()

    def barrier(self):
        if self.distributed:
            dist.barrier()

    def close(self):
        if self.distributed and dist.is_initialized():
            dist.destroy_process_group()


def start_cluster(device_flag):
    """Joins the process group when RANK and WORLD_SIZE are set (torchrun, --nproc, or by hand:
    RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT): gloo on CPU, nccl on CUDA."""
    cuda = torch.cuda.is_available()
    if device_flag == "cuda" and not cuda:
        raise InputError("--device cuda: no CUDA device is available (use --device cpu or auto)")
    use_cuda = cuda and device_flag != "cpu"
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return Cluster(device=torch.device("cuda" if use_cuda else "cpu"))
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", world))
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
        # The local ranks share the cores instead of each starting one thread per core.
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
    dist.init_process_group("nccl" if use_cuda else "gloo", init_method="env://")
    return Cluster(rank, world, local_rank, device)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def spawn_local_workers(nproc, entry, argv):
    """--nproc K: K local ranks on this machine (torch.multiprocessing), each running
    entry(argv) (this script's command line without --nproc). Returns the exit code."""
    port = free_port()
    context = mp.start_processes(_local_worker, args=(nproc, port, entry, argv), nprocs=nproc, join=False, start_method="spawn")
    try:
        while not context.join():
            pass
    except mp.ProcessRaisedException as err:
        print(f"error: a worker failed: {str(err).strip().splitlines()[-1]}", file=sys.stderr)
        return 1
    except mp.ProcessExitedException as err:
        return err.exit_code or 1
    return 0


def _local_worker(rank, nproc, port, entry, argv):
    os.environ.update({
        "RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": str(nproc),
        "LOCAL_WORLD_SIZE": str(nproc), "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port),
    })
    code = entry(argv)
    if code:
        sys.exit(code)
