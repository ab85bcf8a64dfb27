#include "cli/commands.h"

int main(int argc, char **argv)
{
    return td::runEngineCommand(argc, argv);
}
