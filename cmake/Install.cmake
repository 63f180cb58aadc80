# Installation and the CMake package that users consume (find_package(adgen)).
