" Vim syntax file
" Language:    Coinage rules (*.coin)
" Maintainer:  the Coinage project (editors/vim in the repository)
"
" The language reads keywords in context; this file highlights declaration
" keywords at the start of a line, the other keywords wherever they stand, and
" every literal by its shape: comments, strings, numbers, percentages, money,
" dates, times, region, currency and zone codes.

if exists('b:current_syntax')
  finish
endif

syntax case match

" Names and condition fields. Defined first, so that the declarations below win
" at the start of a line.
syntax match coinField /\<\%(bundle\|region\|channel\|currency\|coins\|list\)\>/
syntax match coinKeyword /\<\%(user\|price\|points\|base\|market\|custom\|gift\|test\)\>/
syntax match coinUserField /\<user\.\l\w*/

" Declarations: a keyword at the start of a line. `user` and `price` declare only
" when a name follows (`user NAME:`, `price BUNDLE ...`); inside a block they are
" clauses.
syntax match coinDeclaration /^\s*\zs\%(base\s\+currency\|unit\|stacking\|floor\|currency\|rate\|round\|region\|market\|channel\|bundle\|custom\|points\|gift\|guard\|allow\|promotion\|payout\|test\|experiment\)\>/
syntax match coinDeclaration /^\s*\zsuser\ze\s\+\l\w*\s*:/
syntax match coinDeclaration /^\s*\zsprice\ze\s\+\l/

syntax keyword coinConditional when below else
syntax keyword coinSchedule    during every
syntax keyword coinOperator    and or not in
syntax keyword coinBoolean     true false
syntax keyword coinType        bool int text
syntax match   coinType        /\<one\s\+of\>/
syntax keyword coinKeyword     added additive applied at bonus code coin compound date day
syntax keyword coinKeyword     diamond discount does down each ending error exclusive expect
syntax keyword coinKeyword     exponent falls fee for from group included level limit local
syntax keyword coinKeyword     maximum minimum most nearest of on per priority proceeds
syntax keyword coinKeyword     quote redeemed rise share size tax tier to total up with
syntax keyword coinKeyword     within zone
syntax keyword coinKeyword     arm audience salt
syntax keyword coinWeekday     mon tue wed thu fri sat sun

" Codes: two capitals a region, three a currency, with a `/` a time zone.
syntax match coinRegion     /\<\u\u\>/
syntax match coinCurrency   /\<\u\u\u\>/
syntax match coinZone       /\<\u\w*\/[A-Za-z0-9_/+-]*/
syntax match coinZone       /\<\%(UTC\|GMT\)\>/
syntax match coinDiagnostic /\<[EW]\d\{4}\>/

" Numbers: `_` only between digits; then percentages, dates and times, which
" start like numbers and are defined later so that they win.
syntax match coinNumber     /\<\d\%(_\=\d\)*\%(\.\d\%(_\=\d\)*\)\=\>/
syntax match coinPercent    /\<\d\%(_\=\d\)*\%(\.\d\%(_\=\d\)*\)\=%/
syntax match coinTime       /\<\d\d:\d\d\%(:\d\d\)\=\>/
syntax match coinDate       /\<\d\{4}-\d\d-\d\d\%(T\d\d:\d\d\%(:\d\d\)\=\)\=\>/

syntax match coinComparison /[=!<>]=\|[<>=]/
syntax match coinDelimiter  /[{}\[\]():,.]/

syntax region coinString start=/"/ skip=/\\[\\"]/ end=/"/ end=/$/ oneline contains=coinEscape,coinBadEscape
syntax match  coinBadEscape /\\/ contained
syntax match  coinEscape    /\\[\\"]/ contained

syntax keyword coinTodo TODO FIXME XXX NOTE contained
syntax match   coinComment /#.*$/ contains=coinTodo,@Spell

highlight default link coinDeclaration Statement
highlight default link coinConditional Conditional
highlight default link coinSchedule    Repeat
highlight default link coinOperator    Operator
highlight default link coinComparison  Operator
highlight default link coinBoolean     Boolean
highlight default link coinType        Type
highlight default link coinKeyword     Keyword
highlight default link coinWeekday     Constant
highlight default link coinField       Identifier
highlight default link coinUserField   Identifier
highlight default link coinRegion      Constant
highlight default link coinCurrency    Constant
highlight default link coinZone        Constant
highlight default link coinDiagnostic  Constant
highlight default link coinNumber      Number
highlight default link coinPercent     Number
highlight default link coinTime        Number
highlight default link coinDate        Number
highlight default link coinDelimiter   Delimiter
highlight default link coinString      String
highlight default link coinEscape      SpecialChar
highlight default link coinBadEscape   Error
highlight default link coinComment     Comment
highlight default link coinTodo        Todo

let b:current_syntax = 'coin'
