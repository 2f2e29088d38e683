// Starts the page. In: the address's query (?vue=facture|tarifs, ?exemple=1 to decide the
// example claim at once, ?date=&region= for the tariff view, shown at once when a date is
// given). Out: the chosen view shown, the other hidden, and the tab that shows it marked.
'use strict';

function showView(name) {
  for (const view of ['facture', 'tarifs']) {
    document.getElementById(`vue-${view}`).hidden = view !== name;
    const tab = document.getElementById(`onglet-${view}`);
    if (view === name)
      tab.setAttribute('aria-current', 'page');
    else
      tab.removeAttribute('aria-current');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const query = new URLSearchParams(window.location.search);
  setUpClaimView();
  setUpTariffView(query.get('date') || EXAMPLE_CLAIM.date, query.get('region'));
  for (const tab of document.querySelectorAll('nav a[data-vue]')) {
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      showView(tab.dataset.vue);
      history.replaceState(null, '', `?vue=${tab.dataset.vue}`);
      document.getElementById(`titre-${tab.dataset.vue}`).focus();
    });
  }
  const view = query.get('vue') === 'tarifs' ? 'tarifs' : 'facture';
  showView(view);
  if (view === 'tarifs' && query.get('date')) showTariffs(false);
  if (view === 'facture' && query.get('exemple') === '1') submitClaim(false);
});
