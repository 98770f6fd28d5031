import CoinageCLI
CoinageCLI.main()
