" Coinage rules files.
autocmd BufRead,BufNewFile *.coin setfiletype coin
