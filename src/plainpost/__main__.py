from plainpost.cli import main

main()
