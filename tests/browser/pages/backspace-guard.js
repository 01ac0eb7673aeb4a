// The "防止退格键返回" script found on many government sites (written for the tests, in
// its usual form): Backspace is cancelled unless the event's target is a text field.
// Outside a shadow root the target of a key typed in the widget is <policy-matcher> itself.
window.guardBlocked = [];
document.onkeydown = function (e) {
  var ev = e || window.event;
  var obj = ev.target || ev.srcElement;
  var t = obj.type || obj.getAttribute('type');
  var vReadOnly = obj.readOnly;
  var vDisabled = obj.disabled;
  vReadOnly = vReadOnly === undefined ? false : vReadOnly;
  vDisabled = vDisabled === undefined ? true : vDisabled;
  var flag1 = ev.keyCode === 8 && (t === 'password' || t === 'text' || t === 'textarea') && (vReadOnly || vDisabled);
  var flag2 = ev.keyCode === 8 && t !== 'password' && t !== 'text' && t !== 'textarea';
  if (flag2 || flag1) {
    window.guardBlocked.push('Backspace');
    return false;
  }
  return true;
};
// A stricter variant some sites add: Delete outside text fields is cancelled too.
document.addEventListener('keydown', function (e) {
  if (e.keyCode === 46 && !/^(text|search|password|number|tel|email|url)$/.test(e.target.type) && e.target.tagName !== 'TEXTAREA') {
    window.guardBlocked.push('Delete');
    e.preventDefault();
  }
});
// "屏蔽回车键" against accidental form submission: Enter is cancelled except on buttons and
// in text areas — which also takes Enter from every control inside a shadow root.
document.addEventListener('keydown', function (e) {
  if (e.keyCode === 13 && e.target.tagName !== 'TEXTAREA' && e.target.type !== 'submit' && e.target.type !== 'button') {
    window.guardBlocked.push('Enter');
    e.preventDefault();
  }
});
