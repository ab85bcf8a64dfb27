# Sources of the traindeck_engine library (paths relative to gpu/).
set(TRAINDECK_ENGINE_SOURCES
    src/backend/backend_factory.cpp
    src/backend/cpu/cpu_ops.cpp
    src/cli/arg_parser.cpp
    src/cli/commands.cpp
    src/cli/model_commands.cpp
    src/common/json.cpp
    src/data/dataset.cpp
    src/data/idx_reader.cpp
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
)
list(TRANSFORM TRAINDECK_ENGINE_CUDA_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/)
