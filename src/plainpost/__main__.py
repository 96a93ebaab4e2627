from plainpost.launch import main

main()
