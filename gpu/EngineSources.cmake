# Sources of the traindeck_engine library (paths relative to gpu/).
set(TRAINDECK_ENGINE_SOURCES
    src/backend/backend_factory.cpp
    src/backend/cpu/cpu_ops.cpp
    src/backend/cpu/cpu_parallel.cpp
    src/cli/arg_parser.cpp
    src/cli/commands.cpp
    src/cli/model_commands.cpp
    src/common/json.cpp
    src/data/batch_prefetcher.cpp
    src/data/dataset.cpp
    src/data/idx_reader.cpp
    src/dist/communicator_factory.cpp
    src/dist/launcher.cpp
    src/dist/shm_communicator.cpp
    src/doctor/doctor.cpp
    src/doctor/driver_probe.cpp
    src/io/checkpoint_file.cpp
    src/io/safetensors_export.cpp
    src/io/saved_model.cpp
    src/model/builtin_models.cpp
    src/train/metrics_writer.cpp
    src/train/stop_signal.cpp
    src/train/train_config.cpp
    src/train/trainer.cpp
)
list(TRANSFORM TRAINDECK_ENGINE_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/)
set(TRAINDECK_ENGINE_CUDA_SOURCES
    src/backend/cuda/cuda_ops.cu
    src/backend/cuda/cudnn_runtime.cpp
    src/dist/nccl_communicator.cpp
)
list(TRANSFORM TRAINDECK_ENGINE_CUDA_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/)
