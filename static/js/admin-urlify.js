/* The admin's slugs keep a period readable: "Střednědobý plán 2028–2030" gives
   "strednedoby-plan-2028-2030". Django's URLify drops whatever is not a letter, digit, space or
   hyphen, the en dash of a period with it ("...-20282030"), so dashes become hyphens before it runs.
   Loaded after Django's urlify.js by kpss.admin.SlugsKeepDashes. */
'use strict';
{
    const urlify = window.URLify;
    // Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign.
    const dashes = /[\u2010-\u2015\u2212]/g;
    window.URLify = function(s, numChars, allowUnicode) {
        return urlify(s.replace(dashes, '-'), numChars, allowUnicode);
    };
}
