console.log('example placeholder: being written');
