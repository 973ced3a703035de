# Prints what zsh's completion offers for a command line, as a person
# pressing Tab in an interactive zsh would see it: the line as completed
# and any list shown. zsh has no other way to run its completion system.
#
#   zsh -f zsh_complete.zsh FPATH_DIR 'centricity sc'
zmodload zsh/zpty
setopt extendedglob
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no; setopt nobeep"
zpty -w z "print -- ready"
# Wait for the shell to start and print the marker.
for i in {1..50}; do
  zpty -r -t z line && [[ $line == ready* ]] && break
  sleep 0.1
done
zpty -n -w z "$2"$'\t'
sleep 1
out=""
while zpty -r -t z line; do out+="$line"; done
# Without escape sequences and carriage returns.
print -r -- "${${out//$'\e'\[[0-9;?]#[a-zA-Z]/}//$'\r'/}"
zpty -d z
