const me = await (await fetch('../api/v1/me')).json();
document.getElementById('who').textContent = me.user + ' ' + me.tenant + ' ' + me.employee;
