// The tariff view. In: a date and a region. Out: GET /v1/tariffs?date=&region= (the table as
// `cotation table --format json` writes it) shown as `cotation table` lays it out: the acts by
// article, the key letters, the flat rates and allowances, each with its remark.
'use strict';

// As `cotation table` names them (tools::region_name); the table's JSON says metropole or drom.
const REGION_WORDS = {
  metropole: 'métropole',
  drom: 'outre-mer (drom)'
};

// What a letter's or flat rate's status says when it has no value at the date.
function statusRemark(status, date) {
  if (status === 'not_yet_in_force') return `en vigueur à partir du ${date}`;
  if (status === 'no_longer_in_force') return `plus de valeur depuis le ${date}`;
  return '';
}

// A table of `kind` (actes, lettres, forfaits: its column widths); cells are text, elements or <td>.
function tableElement(kind, caption, headings, rows) {
  return el(
      'table', {class: `tarifs ${kind}`}, el('caption', {text: caption}),
      el('thead', {}, el('tr', {}, ...headings.map((title) => el('th', {scope: 'col', text: title})))),
      el('tbody', {},
         ...rows.map(
             (cells) =>
                 el('tr', {},
                    ...cells.map((cell) => (cell instanceof HTMLTableCellElement ? cell : el('td', {}, cell)))))));
}

// An act's name, which may break after each underscore ("bilan_osteoarticulaire_deux_membres").
function actNameElement(name) {
  return el('code', {}, ...name.split('_').flatMap((part, index) => (index === 0 ? [part] : ['_', el('wbr'), part])));
}

// The old cotation an act replaces, with the day up to which it is accepted.
function oldCotationText(act, tableDate) {
  if (!act.old_cotation) return '';
  if (!act.old_cotation_until) return act.old_cotation;
  const when = tableDate <= act.old_cotation_until ? 'admise jusqu\'au' : 'plus admise après le';
  return `${act.old_cotation} (${when} ${act.old_cotation_until})`;
}

// Rows of key letters or flat rates: code, label, value at the date (or why none), then `last`.
function valuedRows(entries, last) {
  return (entries || [])
      .map(
          (entry) =>
              [el('code', {text: entry.code}), entry.label,
               el('td', {class: 'nombre'},
                  entry.value ? amountElement(entry.value, entry.per_km) :
                                statusRemark(entry.status, entry.status_date)),
               last(entry)]);
}

function tariffTableElement(table) {
  const region = REGION_WORDS[table.region] || table.region;
  const root =
      el('article', {class: 'resultat', id: 'tarifs', 'aria-labelledby': 'titre-tableau'},
         el('h3', {id: 'titre-tableau', text: `Tarifs au ${table.date}, ${region}`}));
  if (table.without_value && table.without_value.length > 0) {
    root.append(
        el('div', {class: 'probleme', role: 'alert'}, el('h4', {text: 'Actes sans tarif à cette date'}),
           el('ul', {}, ...table.without_value.map((note) => el('li', {text: note})))));
  }
  for (const article of table.articles || []) {
    root.append(tableElement(
        'actes', article.article || 'Actes sans article',
        ['Libellé de l\'acte', 'Acte', 'Ancienne cotation', 'Cotation', 'Tarif', 'Remarque'],
        article.acts.map(
            (act) =>
                [act.label, actNameElement(act.act), oldCotationText(act, table.date), act.cotation || '',
                 el('td', {class: 'nombre'}, amountElement(act.amount)), act.remark || ''])));
  }
  root.append(tableElement(
      'lettres', 'Lettres clés', ['Lettre', 'Libellé', 'Valeur', 'Arrondi des actes'],
      valuedRows(table.letters, (letter) => letter.rounding || '')));
  root.append(tableElement(
      'forfaits', 'Forfaits et indemnités', ['Code', 'Libellé', 'Valeur', 'Remarque'],
      valuedRows(table.items, (item) => item.computed ? 'montant calculé selon la facture' : '')));
  return root;
}

async function showTariffs(focus) {
  const form = document.getElementById('formulaire-tarifs');
  const query = new URLSearchParams({date: form.elements['date'].value, region: form.elements['region'].value});
  await showAnswer(
      document.getElementById('resultat-tarifs'), 'Chargement du tableau…', `/v1/tariffs?${query}`, {},
      tariffTableElement, focus);
}

function setUpTariffView(date, region) {
  const form = document.getElementById('formulaire-tarifs');
  form.elements['date'].value = date;
  if (region) form.elements['region'].value = region;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showTariffs(true);
  });
}
